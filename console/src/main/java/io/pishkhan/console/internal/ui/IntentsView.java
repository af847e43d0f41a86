package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
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
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.IntentPrediction;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.nlu.TrainingJob;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.logic.TrainingText;
import io.pishkhan.console.internal.logic.UploadText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * Intents ({@code /console/intents}), per language: train a new model from an uploaded CSV ({@code text,label}) with a
 * comment and follow the background job's progress until it succeeds or fails; the models with their metrics, and
 * "Activate" to make an earlier one current again; a "try it" box that classifies a text. Everything goes through
 * {@link IntentService}; supervisors see the models and may try texts, only admins train and activate.
 *
 * <p>The progress is polled from the service every {@value #POLL_MILLIS} ms while a job runs: by a server-side timer
 * whose updates are pushed ({@code ui.access}) when the UI has push, else by a client poll (which stops with the job).
 */
@Route(value = "intents", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class IntentsView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final int POLL_MILLIS = 700;
    static final List<String> LANGUAGES = List.of("fa", "en");

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final boolean editable = AdminSupport.mayEdit();
    private final Span status = AdminSupport.statusLine("intents-status");
    private final Select<String> language = new Select<>();

    private final Span csvSummary = new Span();
    private final TextField comment = new TextField();
    private final Button train = new Button();
    private transient String pendingCsv;
    private String pendingName;

    private final ProgressBar progress = new ProgressBar(0, 1);
    private final Span jobLine = new Span();
    private String jobId;
    /** The job shown is queued or running. */
    private boolean jobActive;
    private transient ScheduledFuture<?> timer;
    private Registration pollRegistration;

    private final Grid<IntentModelInfo> models = new Grid<>();

    private final TextField tryText = new TextField();
    private final Div tryResult = new Div();

    public IntentsView() {
        setWidthFull();
        add(new H3(t("intents.title")), status);
        if (console.intents().isEmpty()) {
            add(AdminSupport.notInstalled("intents-missing", t("intents.missing")));
            return;
        }
        language.setId("intents-language");
        language.setLabel(t("kb.field.language"));
        language.setItems(LANGUAGES);
        language.setItemLabelGenerator(l -> t("kb.language." + l));
        language.setValue(fa ? "fa" : "en");
        language.addValueChangeListener(e -> languageChanged());
        add(language);
        if (editable) {
            add(new H4(t("intents.train.title")), trainPanel());
        }
        add(progressPanel(), new H4(t("intents.models")), modelsGrid(), new H4(t("intents.try")), tryPanel());
        languageChanged();
    }

    @Override
    public String getPageTitle() {
        return t("nav.intents") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private String n(long v) {
        return RoutingText.digits(v, fa);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private String lang() {
        return language.getValue() == null ? (fa ? "fa" : "en") : language.getValue();
    }

    private <T> Optional<T> act(Function<IntentService, T> call) {
        Optional<IntentService> s = console.intents();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("intents.missing"));
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call.apply(s.get()));
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return Optional.empty();
        }
    }

    /** Another language: its models, its newest training job, an empty "try it" result. */
    private void languageChanged() {
        refreshModels();
        tryResult.removeAll();
        stopPolling();
        jobId = null;
        showJob(null);
        console.intents().ifPresent(s -> {
            try {
                s.jobs().stream().filter(j -> lang().equals(j.language())).findFirst().ifPresent(j -> {
                    jobId = j.id();
                    showJob(j);
                    if (!TrainingText.finished(j)) {
                        startPolling();
                    }
                });
            } catch (RuntimeException e) {
                AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            }
        });
    }

    // ---------------------------------------------------------------- training

    private Component trainPanel() {
        Span hint = new Span(t("intents.csv.hint"));
        hint.addClassName("pk-label");
        hint.getElement().setAttribute("dir", "auto");
        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> ui.access(
                () -> receiveFile(meta.fileName(), bytes))));
        upload.setId("intents-upload");
        upload.setAcceptedFileTypes(".csv", ".txt", "text/csv", "text/plain");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(UploadText.MAX_TRAINING_BYTES);
        upload.setDropAllowed(true);
        upload.addFileRejectedListener(e -> AdminSupport.error(status, t("upload.rejected",
                n(UploadText.kilobytes(UploadText.MAX_TRAINING_BYTES)))));
        csvSummary.setId("intents-csv-summary");
        csvSummary.getElement().setAttribute("dir", "auto");
        comment.setId("intents-comment");
        comment.setLabel(t("rules.comment.required"));
        comment.setWidth("420px");
        comment.getElement().setAttribute("dir", "auto");
        train.setText(t("intents.train"));
        train.setId("intents-train");
        train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        train.setEnabled(false);
        train.addClickListener(e -> train());
        HorizontalLayout row = new HorizontalLayout(comment, train);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout v = new VerticalLayout(hint, upload, csvSummary, row);
        v.setPadding(false);
        return v;
    }

    /** An uploaded training file: checked and summarised; kept until Train. */
    void receiveFile(String fileName, byte[] bytes) {
        pendingCsv = null;
        pendingName = null;
        csvSummary.setText("");
        train.setEnabled(false);
        try {
            String csv = UploadText.read(fileName, bytes, UploadText.MAX_TRAINING_BYTES, UploadText.CSV);
            TrainingText.Summary s = TrainingText.summarize(csv);
            pendingCsv = csv;
            pendingName = fileName;
            csvSummary.setText(t("intents.csv.summary", nz(fileName), n(s.examples()), n(s.labels()),
                    n(s.outOfScope())));
            csvSummary.getElement().setAttribute("data-examples", Integer.toString(s.examples()));
            csvSummary.getElement().setAttribute("data-labels", Integer.toString(s.labels()));
            train.setEnabled(!jobActive);
        } catch (IllegalArgumentException e) {
            AdminSupport.error(status, t("intents.csv.error", nz(fileName), AdminSupport.errorText(e, getLocale())));
        }
    }

    private void train() {
        if (pendingCsv == null) {
            AdminSupport.error(status, t("intents.csv.none"));
            return;
        }
        String c = RoutingText.blankToNull(comment.getValue());
        if (c == null) {
            comment.setInvalid(true);
            AdminSupport.error(status, t("rules.comment.missing"));
            return;
        }
        String l = lang();
        String csv = pendingCsv;
        act(s -> s.train(l, csv, AdminSupport.actor(), c)).ifPresent(j -> {
            jobId = j.id();
            comment.clear();
            comment.setInvalid(false);
            pendingCsv = null;
            train.setEnabled(false);
            AdminSupport.ok(status, t("intents.started", nz(pendingName), t("kb.language." + l)));
            showJob(j);
            if (TrainingText.finished(j)) {
                finished(j);
            } else {
                startPolling();
            }
        });
    }

    // ---------------------------------------------------------------- progress

    private Component progressPanel() {
        progress.setId("intents-progress");
        progress.setWidth("420px");
        jobLine.setId("intents-job");
        jobLine.getElement().setAttribute("dir", "auto");
        VerticalLayout v = new VerticalLayout(progress, jobLine);
        v.setPadding(false);
        v.setSpacing(false);
        return v;
    }

    private void showJob(TrainingJob j) {
        progress.removeThemeVariants(ProgressBarVariant.LUMO_ERROR, ProgressBarVariant.LUMO_SUCCESS);
        jobActive = j != null && !TrainingText.finished(j);
        if (j == null) {
            progress.setValue(0);
            progress.setVisible(false);
            jobLine.setText(t("intents.job.none"));
            jobLine.getElement().removeAttribute("data-state");
            jobLine.getElement().removeAttribute("data-job");
            return;
        }
        progress.setVisible(true);
        progress.setValue(TrainingText.shownProgress(j));
        if (j.state() == TrainingJob.State.FAILED) {
            progress.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        } else if (j.state() == TrainingJob.State.SUCCEEDED) {
            progress.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
        }
        String when = Dates.format(j.finishedAt() != null ? j.finishedAt() : j.startedAt(), console.settings().zone(),
                fa);
        String text = switch (j.state()) {
            case QUEUED -> t("intents.job.QUEUED");
            case RUNNING -> t("intents.job.RUNNING", TrainingText.percent(j.progress(), fa));
            case SUCCEEDED -> t("intents.job.SUCCEEDED", n(j.modelVersion()));
            case FAILED -> t("intents.job.FAILED", j.message() == null ? "?" : j.message());
        };
        if (j.state() != TrainingJob.State.FAILED && j.message() != null && !j.message().isBlank()) {
            text += " · " + j.message();
        }
        jobLine.setText(text + (when.isEmpty() ? "" : " · " + when));
        jobLine.getElement().setAttribute("data-state", j.state().name());
        jobLine.getElement().setAttribute("data-job", nz(j.id()));
    }

    /** One poll: the job's state now; stops polling when it is done. */
    void pollJob() {
        if (jobId == null) {
            stopPolling();
            return;
        }
        Optional<IntentService> s = console.intents();
        if (s.isEmpty()) {
            stopPolling();
            AdminSupport.error(status, t("intents.missing"));
            return;
        }
        Optional<TrainingJob> j;
        try {
            j = s.get().job(jobId);
        } catch (RuntimeException e) {
            return; // try again at the next poll
        }
        if (j.isEmpty()) {
            stopPolling();
            showJob(null);
            return;
        }
        showJob(j.get());
        if (TrainingText.finished(j.get())) {
            stopPolling();
            finished(j.get());
        }
    }

    private void finished(TrainingJob j) {
        refreshModels();
        train.setEnabled(pendingCsv != null);
        if (j.state() == TrainingJob.State.SUCCEEDED) {
            AdminSupport.ok(status, t("intents.job.SUCCEEDED", n(j.modelVersion())));
        } else {
            AdminSupport.error(status, jobLine.getText());
        }
    }

    private void startPolling() {
        if (timer != null || pollRegistration != null) {
            return;
        }
        UI ui = getUI().orElse(UI.getCurrent());
        if (ui == null) {
            return;
        }
        if (ui.getPushConfiguration().getPushMode().isEnabled() && console.hub() != null) {
            timer = console.hub().every(ui, POLL_MILLIS, this::pollJob);
        } else {
            ui.setPollInterval(POLL_MILLIS);
            pollRegistration = ui.addPollListener(e -> pollJob());
        }
    }

    private void stopPolling() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (pollRegistration != null) {
            pollRegistration.remove();
            pollRegistration = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    /** True while this view polls a running job (for tests). */
    boolean polling() {
        return timer != null || pollRegistration != null;
    }

    @Override
    protected void onAttach(AttachEvent e) {
        if (jobActive) {
            startPolling();
        }
    }

    @Override
    protected void onDetach(DetachEvent e) {
        stopPolling();
    }

    // ---------------------------------------------------------------- models

    private Component modelsGrid() {
        models.setId("intents-models-grid");
        models.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        models.addColumn(m -> n(m.version())).setHeader(t("rules.version")).setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> n(m.examples())).setHeader(t("intents.examples")).setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> n(m.labels())).setHeader(t("intents.labels")).setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> Dates.format(m.trainedAt(), console.settings().zone(), fa))
                .setHeader(t("intents.trainedAt")).setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> nz(m.author())).setHeader(t("rules.author")).setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> nz(m.comment())).setHeader(t("rules.comment")).setFlexGrow(1)
                .setTooltipGenerator(m -> nz(m.comment()));
        models.addColumn(m -> TrainingText.ratio(m.metrics().get("accuracy"), fa)).setHeader(t("intents.accuracy"))
                .setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> TrainingText.decimal(m.metrics().get("oosThreshold"), fa))
                .setHeader(t("intents.oosThreshold")).setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> m.active() ? t("rules.active") : "").setHeader(t("rules.state")).setAutoWidth(true)
                .setFlexGrow(0);
        if (editable) {
            models.addComponentColumn(m -> {
                if (m.active()) {
                    return new Span();
                }
                Button b = new Button(t("intents.activate"), e -> activate(m.version()));
                b.setId("intents-activate-" + m.version());
                b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                return b;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        models.setPartNameGenerator(m -> m.active() ? "pk-active" : null);
        models.setHeight("280px");
        return models;
    }

    private void refreshModels() {
        console.intents().ifPresent(s -> {
            try {
                models.setItems(s.models(lang()));
                models.recalculateColumnWidths();
            } catch (RuntimeException e) {
                AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            }
        });
    }

    void activate(int version) {
        String l = lang();
        act(s -> s.activate(l, version, AdminSupport.actor())).ifPresent(m -> {
            refreshModels();
            AdminSupport.ok(status, t("intents.activated", n(m.version()), t("kb.language." + l)));
        });
    }

    // ---------------------------------------------------------------- try it

    private Component tryPanel() {
        tryText.setId("intents-try-text");
        tryText.setLabel(t("intents.try.text"));
        tryText.setWidth("420px");
        tryText.setMaxLength(1000);
        tryText.getElement().setAttribute("dir", "auto");
        tryText.addKeyPressListener(Key.ENTER, e -> classify());
        Button run = new Button(t("intents.try.run"), e -> classify());
        run.setId("intents-try-run");
        HorizontalLayout row = new HorizontalLayout(tryText, run);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        tryResult.setId("intents-try-result");
        tryResult.addClassName("pk-card");
        VerticalLayout v = new VerticalLayout(row, tryResult);
        v.setPadding(false);
        return v;
    }

    void classify() {
        String text = RoutingText.blankToNull(tryText.getValue());
        tryResult.removeAll();
        if (text == null) {
            AdminSupport.error(status, t("input.required", tryText.getLabel()));
            return;
        }
        String l = lang();
        act(s -> s.classify(text, l)).ifPresent(this::showPrediction);
    }

    private void showPrediction(IntentPrediction p) {
        if (p.modelVersion() == 0) {
            Span none = new Span(t("intents.try.noModel", t("kb.language." + lang())));
            none.setId("intents-try-nomodel");
            tryResult.add(none);
            return;
        }
        tryResult.add(line("intents-try-label", "intents.try.label",
                p.label() == null ? t("intents.try.outOfScope") : p.label()));
        tryResult.add(line("intents-try-confidence", "intents.try.confidence",
                TrainingText.ratio(p.confidence(), fa)));
        tryResult.add(line("intents-try-oos", "intents.try.oos", t(p.outOfScope() ? "intents.yes" : "intents.no")));
        tryResult.add(line("intents-try-model", "rules.version", n(p.modelVersion())));
        tryResult.getElement().setAttribute("data-label", nz(p.label()));
        tryResult.getElement().setAttribute("data-oos", Boolean.toString(p.outOfScope()));
        Div alternatives = new Div();
        alternatives.setId("intents-try-alternatives");
        int i = 0;
        for (IntentPrediction.Scored s : p.alternatives()) {
            Div d = new Div();
            d.setId("intents-try-alt-" + i++);
            d.setText(nz(s.label()) + " · " + TrainingText.ratio(s.score(), fa));
            d.getElement().setAttribute("dir", "auto");
            alternatives.add(d);
        }
        if (i > 0) {
            Span l = new Span(t("intents.try.alternatives"));
            l.addClassName("pk-label");
            tryResult.add(l);
        }
        tryResult.add(alternatives);
    }

    private Component line(String id, String labelKey, String value) {
        Div row = new Div();
        Span label = new Span(t(labelKey) + ": ");
        label.addClassName("pk-label");
        Span v = new Span(value);
        v.setId(id);
        v.getElement().setAttribute("dir", "auto");
        row.add(label, v);
        return row;
    }
}
