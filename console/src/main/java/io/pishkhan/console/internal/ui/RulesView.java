package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.DryRunResult;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleProblem;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.DryRunCsv;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Routing rules ({@code /console/rules}): the current deployment, a draft editor (left-to-right, monospace, in every
 * language) with Validate, Dry run (past conversations or an uploaded CSV of cases), Deploy and Canary, and the
 * versions with rollback. Everything goes through {@link RuleSetService}; supervisors see it read-only.
 */
@Route(value = "rules", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class RulesView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    /** The draft an editor starts with when no rule set is deployed yet. */
    static final String SAMPLE = """
            {
              "rules": [
                { "name": "vip customers",
                  "when": "customer.tier == 'vip'",
                  "queue": "vip", "priority": 50 },
                { "name": "lost cards",
                  "when": "intent == 'card.lost' && confidence >= 0.6",
                  "queue": "cards", "priority": 20, "skills": { "cards": 5 } },
                { "name": "everything else",
                  "when": "true",
                  "queue": "general" }
              ]
            }
            """;
    private static final int MAX_UPLOAD = 2 * 1024 * 1024;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final boolean editable = AdminSupport.mayEdit();
    private final Span status = AdminSupport.statusLine("rules-status");
    private final Span deploymentLine = new Span();
    private final TextArea source = new TextArea();
    private final Div problems = new Div();
    private final IntegerField days = new IntegerField();
    private final IntegerField limit = new IntegerField();
    private final Span dryRunSummary = new Span();
    private final Grid<DryRunResult.Row> dryRunGrid = new Grid<>();
    private final TextField deployComment = new TextField();
    private final IntegerField canaryPercent = new IntegerField();
    private final TextField canaryComment = new TextField();
    private final Button canaryStart = new Button();
    private final Button canaryPromote = new Button();
    private final Button canaryStop = new Button();
    private final Grid<RuleSetVersion> versions = new Grid<>();
    private transient RuleDeployment deployment = RuleDeployment.NONE;

    public RulesView() {
        setWidthFull();
        add(new H3(t("rules.title")), status);
        Optional<RuleSetService> service = console.ruleSets();
        if (service.isEmpty()) {
            add(AdminSupport.notInstalled("rules-missing", t("rules.missing")));
            return;
        }
        deploymentLine.setId("rules-deployment");
        deploymentLine.addClassName("pk-deployment");
        add(deploymentLine);

        source.setId("rules-source");
        source.setLabel(t("rules.source"));
        source.addClassName("pk-code");
        source.getElement().setAttribute("dir", "ltr");
        source.getElement().setAttribute("spellcheck", "false");
        source.setWidthFull();
        source.setMinHeight("320px");
        source.setMaxHeight("560px");
        source.setReadOnly(!editable);
        problems.setId("rules-problems");
        problems.addClassName("pk-problems");
        Button validate = button("rules-validate", "rules.validate", this::validate);
        add(source, new HorizontalLayout(validate), problems);

        add(dryRunPanel());
        if (editable) {
            add(deployPanel());
        }
        add(new H4(t("rules.versions")), versionsGrid());
        refresh(true);
    }

    @Override
    public String getPageTitle() {
        return t("nav.rules") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private String n(long v) {
        return RoutingText.digits(v, fa);
    }

    private Button button(String id, String label, Runnable action) {
        Button b = new Button(t(label), e -> action.run());
        b.setId(id);
        return b;
    }

    /** Runs an action against the rule set service; a refused draft lists its problems. */
    private void act(Consumer<RuleSetService> action) {
        Optional<RuleSetService> service = console.ruleSets();
        if (service.isEmpty()) {
            AdminSupport.error(status, t("rules.missing"));
            return;
        }
        try {
            action.accept(service.get());
        } catch (RuleSetException e) {
            showProblems(e.problems());
            AdminSupport.error(status, t("rules.invalid", n(e.problems().size())));
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    // ---------------------------------------------------------------- deployment and versions

    private void refresh(boolean loadActive) {
        console.ruleSets().ifPresent(s -> {
            deployment = s.deployment();
            List<RuleSetVersion> all = s.versions();
            versions.setItems(all);
            // the buttons column was sized for the first rows: size it again, or new rows clip their buttons
            versions.recalculateColumnWidths();
            deploymentLine.setText(describe(deployment));
            boolean canary = deployment.canaryVersion() > 0;
            canaryPromote.setVisible(canary);
            canaryStop.setVisible(canary);
            canaryStart.setEnabled(!canary);
            if (loadActive) {
                String active = all.stream().filter(v -> v.version() == deployment.activeVersion())
                        .map(RuleSetVersion::source).findFirst().orElse(null);
                source.setValue(active == null ? SAMPLE : active);
            }
        });
    }

    private String describe(RuleDeployment d) {
        String when = Dates.format(d.at(), console.settings().zone(), fa);
        String who = d.author() == null ? "" : d.author();
        String text = d.activeVersion() == 0 ? t("rules.deployment.none")
                : t("rules.deployment.active", n(d.activeVersion()), who, when);
        if (d.canaryVersion() > 0) {
            text += " · " + t("rules.deployment.canary", n(d.canaryVersion()), n(d.canaryPercent()));
        }
        return text;
    }

    private Grid<RuleSetVersion> versionsGrid() {
        versions.setId("versions-grid");
        versions.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        versions.addColumn(v -> n(v.version())).setHeader(t("rules.version")).setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(RuleSetVersion::author).setHeader(t("rules.author")).setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(v -> Dates.format(v.createdAt(), console.settings().zone(), fa)).setHeader(t("audit.at"))
                .setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(v -> v.comment() == null ? "" : v.comment()).setHeader(t("rules.comment")).setFlexGrow(1)
                .setTooltipGenerator(v -> v.comment() == null ? "" : v.comment());
        versions.addColumn(this::marker).setHeader(t("rules.state")).setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(v -> {
            Button load = new Button(t("rules.load"), e -> {
                source.setValue(nz(v.source()));
                problems.removeAll();
                AdminSupport.ok(status, t("rules.loaded", n(v.version())));
            });
            load.setId("version-load-" + v.version());
            load.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            HorizontalLayout h = new HorizontalLayout(load);
            if (editable && v.version() != deployment.activeVersion()) {
                Button rollback = new Button(t("rules.rollback"), e -> act(s -> {
                    s.rollback(v.version(), AdminSupport.actor());
                    AdminSupport.ok(status, t("rules.rolledBack", n(v.version())));
                    refresh(false);
                }));
                rollback.setId("version-rollback-" + v.version());
                rollback.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL,
                        ButtonVariant.LUMO_ERROR);
                h.add(rollback);
            }
            return h;
        }).setAutoWidth(true).setFlexGrow(0);
        versions.setPartNameGenerator(v -> v.version() == deployment.activeVersion() ? "pk-active"
                : v.version() == deployment.canaryVersion() ? "pk-canary" : null);
        versions.setHeight("300px");
        return versions;
    }

    private String marker(RuleSetVersion v) {
        if (v.version() == deployment.activeVersion()) {
            return t("rules.active");
        }
        if (v.version() == deployment.canaryVersion()) {
            return t("rules.canary", n(deployment.canaryPercent()));
        }
        return "";
    }

    // ---------------------------------------------------------------- validate

    private void validate() {
        act(s -> {
            List<RuleProblem> found = s.validate(source.getValue());
            showProblems(found);
            if (found.isEmpty()) {
                AdminSupport.ok(status, t("rules.valid"));
            } else {
                AdminSupport.error(status, t("rules.invalid", n(found.size())));
            }
        });
    }

    private void showProblems(List<RuleProblem> found) {
        problems.removeAll();
        if (found.isEmpty()) {
            Span ok = new Span(t("rules.valid"));
            ok.setId("rules-valid");
            ok.addClassName("pk-ok");
            problems.add(ok);
            return;
        }
        int i = 0;
        for (RuleProblem p : found) {
            Div line = new Div();
            line.setId("rules-problem-" + i++);
            line.addClassName("pk-problem");
            line.getElement().setAttribute("dir", "auto");
            line.getElement().setAttribute("data-line", Integer.toString(p.line()));
            line.setText(AdminSupport.problemLine(p.line(), p.message(), getLocale()));
            problems.add(line);
        }
    }

    // ---------------------------------------------------------------- dry run

    private Component dryRunPanel() {
        days.setId("dryrun-days");
        days.setLabel(t("dryrun.days"));
        days.setMin(1);
        days.setMax(365);
        days.setValue(7);
        days.setStepButtonsVisible(true);
        days.setWidth("140px");
        limit.setId("dryrun-limit");
        limit.setLabel(t("dryrun.limit"));
        limit.setMin(1);
        limit.setMax(DryRunCsv.MAX_CASES);
        limit.setValue(500);
        limit.setWidth("140px");
        Button run = button("dryrun-run", "dryrun.run", this::dryRunHistory);
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> ui.access(
                () -> dryRunCsv(new String(bytes, StandardCharsets.UTF_8)))));
        upload.setId("dryrun-upload");
        upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_UPLOAD);
        upload.setDropAllowed(true);
        upload.addFileRejectedListener(e -> AdminSupport.error(status, t("dryrun.rejected")));
        Span csvHint = new Span(t("dryrun.csv.hint"));
        csvHint.addClassName("pk-label");

        dryRunSummary.setId("dryrun-summary");
        dryRunGrid.setId("dryrun-grid");
        dryRunGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        dryRunGrid.addColumn(r -> r.changed() ? "≠" : "").setHeader(t("dryrun.changed")).setAutoWidth(true)
                .setFlexGrow(0);
        dryRunGrid.addColumn(DryRunResult.Row::conversationId).setHeader(t("dryrun.conversation")).setAutoWidth(true);
        dryRunGrid.addColumn(r -> nz(r.actualQueue())).setHeader(t("dryrun.actual")).setAutoWidth(true);
        dryRunGrid.addColumn(r -> nz(r.draftQueue())).setHeader(t("dryrun.draft")).setAutoWidth(true);
        dryRunGrid.addColumn(r -> n(r.draftPriority())).setHeader(t("dryrun.priority")).setAutoWidth(true);
        dryRunGrid.addColumn(r -> nz(r.draftRule())).setHeader(t("dryrun.rule")).setAutoWidth(true);
        dryRunGrid.addColumn(r -> nz(r.error())).setHeader(t("dryrun.error")).setFlexGrow(1)
                .setTooltipGenerator(r -> nz(r.error()));
        dryRunGrid.setPartNameGenerator(r -> r.error() != null ? "pk-failed" : r.changed() ? "pk-changed" : null);
        dryRunGrid.setHeight("320px");
        dryRunGrid.setVisible(false);

        HorizontalLayout controls = new HorizontalLayout(days, limit, run);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout v = new VerticalLayout(new H4(t("dryrun.title")), controls, csvHint, upload, dryRunSummary,
                dryRunGrid);
        v.setPadding(false);
        v.setWidthFull();
        return v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void dryRunHistory() {
        Integer d = days.getValue();
        Integer l = limit.getValue();
        if (d == null || d < 1 || d > 365 || days.isInvalid()) {
            AdminSupport.error(status, t("input.required", days.getLabel()));
            return;
        }
        if (l == null || l < 1 || l > DryRunCsv.MAX_CASES || limit.isInvalid()) {
            AdminSupport.error(status, t("input.required", limit.getLabel()));
            return;
        }
        List<DryRunCase> cases;
        try {
            cases = console.conversations().routingHistory(Instant.now().minus(Duration.ofDays(d)), l);
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return;
        }
        if (cases.isEmpty()) {
            showDryRun(null);
            AdminSupport.error(status, t("dryrun.noHistory", n(d)));
            return;
        }
        dryRun(cases);
    }

    private void dryRunCsv(String content) {
        List<DryRunCase> cases;
        try {
            cases = DryRunCsv.parse(content, Instant.now());
        } catch (IllegalArgumentException e) {
            AdminSupport.error(status, t("dryrun.csv.error", AdminSupport.errorText(e, getLocale())));
            return;
        }
        if (cases.isEmpty()) {
            AdminSupport.error(status, t("dryrun.csv.empty"));
            return;
        }
        dryRun(cases);
    }

    private void dryRun(List<DryRunCase> cases) {
        act(s -> {
            DryRunResult r = s.dryRun(source.getValue(), cases);
            showDryRun(r);
            AdminSupport.ok(status, dryRunSummary.getText());
        });
    }

    private void showDryRun(DryRunResult r) {
        if (r == null) {
            dryRunSummary.setText("");
            dryRunGrid.setItems(List.of());
            dryRunGrid.setVisible(false);
            return;
        }
        dryRunSummary.setText(t("dryrun.summary", n(r.rows().size()), n(r.changed()), n(r.failed())));
        dryRunSummary.getElement().setAttribute("data-cases", Integer.toString(r.rows().size()));
        dryRunSummary.getElement().setAttribute("data-changed", Integer.toString(r.changed()));
        dryRunSummary.getElement().setAttribute("data-failed", Integer.toString(r.failed()));
        dryRunGrid.setItems(r.rows());
        dryRunGrid.setVisible(true);
    }

    // ---------------------------------------------------------------- deploy and canary

    private Component deployPanel() {
        deployComment.setId("deploy-comment");
        deployComment.setLabel(t("rules.comment.required"));
        deployComment.setWidth("420px");
        Button deploy = button("rules-deploy", "rules.deploy", this::deploy);
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout d = new HorizontalLayout(deployComment, deploy);
        d.setAlignItems(FlexComponent.Alignment.BASELINE);

        canaryPercent.setId("canary-percent");
        canaryPercent.setLabel(t("canary.percent"));
        canaryPercent.setMin(1);
        canaryPercent.setMax(99);
        canaryPercent.setValue(10);
        canaryPercent.setStepButtonsVisible(true);
        canaryPercent.setWidth("150px");
        canaryComment.setId("canary-comment");
        canaryComment.setLabel(t("rules.comment.required"));
        canaryComment.setWidth("300px");
        canaryStart.setText(t("canary.start"));
        canaryStart.setId("canary-start");
        canaryStart.addClickListener(e -> startCanary());
        canaryPromote.setText(t("canary.promote"));
        canaryPromote.setId("canary-promote");
        canaryPromote.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        canaryPromote.addClickListener(e -> endCanary(true));
        canaryStop.setText(t("canary.stop"));
        canaryStop.setId("canary-stop");
        canaryStop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        canaryStop.addClickListener(e -> endCanary(false));
        HorizontalLayout c = new HorizontalLayout(canaryPercent, canaryComment, canaryStart, canaryPromote,
                canaryStop);
        c.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout v = new VerticalLayout(new H4(t("rules.deploy.title")), d, new H4(t("canary.title")), c);
        v.setPadding(false);
        return v;
    }

    private String comment(TextField f) {
        String c = RoutingText.blankToNull(f.getValue());
        if (c == null) {
            f.setInvalid(true);
            AdminSupport.error(status, t("rules.comment.missing"));
        }
        return c;
    }

    private void deploy() {
        String c = comment(deployComment);
        if (c == null) {
            return;
        }
        act(s -> {
            RuleSetVersion v = s.deploy(source.getValue(), AdminSupport.actor(), c);
            problems.removeAll();
            deployComment.clear();
            AdminSupport.ok(status, t("rules.deployed", n(v.version())));
            refresh(false);
        });
    }

    private void startCanary() {
        Integer p = canaryPercent.getValue();
        if (p == null || p < 1 || p > 99 || canaryPercent.isInvalid()) {
            AdminSupport.error(status, t("canary.percent.invalid"));
            return;
        }
        String c = comment(canaryComment);
        if (c == null) {
            return;
        }
        act(s -> {
            RuleSetVersion v = s.startCanary(source.getValue(), p, AdminSupport.actor(), c);
            problems.removeAll();
            canaryComment.clear();
            AdminSupport.ok(status, t("canary.started", n(v.version()), n(p)));
            refresh(false);
        });
    }

    private void endCanary(boolean promote) {
        act(s -> {
            RuleDeployment d = s.endCanary(promote, AdminSupport.actor());
            AdminSupport.ok(status, promote ? t("canary.promoted", n(d.activeVersion())) : t("canary.stopped"));
            refresh(false);
        });
    }
}
