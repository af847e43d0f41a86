package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.bot.FlowService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.FlowText;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Bot flows ({@code /console/flows}): the flows by intent and a JSON editor (monospace, left-to-right in every
 * language) with Validate (the service's problems), Save and Delete, each with the user as actor. A new flow starts
 * from {@link #SAMPLE}, in the format of the assistant engine ({@code io.pishkhan.bot.assistant}). Everything goes
 * through {@link FlowService}; supervisors read and validate only.
 */
@Route(value = "flows", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class FlowsView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    /** A new flow's draft: one slot, an HTTP action, an answer in both languages. */
    static final String SAMPLE = """
            {
              "intent": "request.status",
              "description": "Tells the customer the status of a request",
              "slots": [
                { "name": "ticket", "type": "ticket",
                  "prompt": { "fa": "لطفاً شمارهٔ پیگیری را بفرمایید.",
                              "en": "Please give me your tracking number." } }
              ],
              "action": { "uri": "http://localhost:8089/status/${slot.ticket}",
                          "method": "GET", "timeoutMillis": 3000 },
              "answer": { "fa": "وضعیت درخواست ${slot.ticket}: ${result.status}",
                          "en": "Request ${slot.ticket} is ${result.status}." },
              "onError": "handoff"
            }
            """;

    private final transient Console console = ConsoleServlet.console();
    private final boolean editable = AdminSupport.mayEdit();
    private final Span status = AdminSupport.statusLine("flows-status");
    private final Grid<FlowText.Summary> grid = new Grid<>();
    private final Span editing = new Span();
    private final TextArea source = new TextArea();
    private final Div problems = new Div();
    private final Button delete = new Button();
    /** The intent of the stored flow the editor shows; null for a new one. */
    private String loaded;

    public FlowsView() {
        setWidthFull();
        add(new H3(t("flows.title")), status);
        if (console.flows().isEmpty()) {
            add(AdminSupport.notInstalled("flows-missing", t("flows.missing")));
            return;
        }
        add(flowsGrid(), new H4(t("flows.editor")), editor());
        List<FlowText.Summary> all = refresh();
        if (all.isEmpty()) {
            load(null);
        } else {
            load(all.get(0));
        }
    }

    @Override
    public String getPageTitle() {
        return t("nav.flows") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private <T> Optional<T> act(Function<FlowService, T> call) {
        Optional<FlowService> s = console.flows();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("flows.missing"));
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call.apply(s.get()));
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return Optional.empty();
        }
    }

    private List<FlowText.Summary> refresh() {
        List<FlowText.Summary> all = console.flows().map(s -> {
            try {
                return s.flows().stream().map(FlowText::summarize).toList();
            } catch (RuntimeException e) {
                AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
                return List.<FlowText.Summary>of();
            }
        }).orElse(List.of());
        grid.setItems(all);
        grid.recalculateColumnWidths();
        return all;
    }

    private Component flowsGrid() {
        grid.setId("flows-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(FlowText.Summary::intent).setHeader(t("flows.intent")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(f -> FlowText.description(f.source())).setHeader(t("flows.description")).setFlexGrow(1)
                .setTooltipGenerator(f -> FlowText.description(f.source()));
        grid.addColumn(f -> RoutingText.digits(f.slots(), "fa".equals(getLocale().getLanguage())))
                .setHeader(t("flows.slots")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(f -> {
            Button b = new Button(t(editable ? "kb.edit" : "kb.open"), e -> load(f));
            b.setId("flow-edit-" + f.intent());
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            return b;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> load(e.getItem()));
        grid.setHeight("260px");
        return grid;
    }

    private Component editor() {
        editing.setId("flows-editing");
        editing.addClassName("pk-deployment");
        editing.getElement().setAttribute("dir", "auto");
        source.setId("flows-source");
        source.addClassName("pk-code");
        source.getElement().setAttribute("dir", "ltr");
        source.getElement().setAttribute("spellcheck", "false");
        source.setWidthFull();
        source.setMinHeight("320px");
        source.setMaxHeight("600px");
        source.setReadOnly(!editable);
        Span hint = new Span(t("flows.hint"));
        hint.addClassName("pk-label");
        hint.getElement().setAttribute("dir", "auto");
        problems.setId("flows-problems");
        problems.addClassName("pk-problems");
        Button validate = new Button(t("rules.validate"), e -> validate());
        validate.setId("flows-validate");
        HorizontalLayout buttons = new HorizontalLayout(validate);
        if (editable) {
            Button save = new Button(t("kb.save"), e -> save());
            save.setId("flows-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            delete.setText(t("kb.delete"));
            delete.setId("flows-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.addClickListener(e -> confirmDelete());
            Button fresh = new Button(t("flows.new"), e -> load(null));
            fresh.setId("flows-new");
            buttons.add(save, delete, fresh);
        }
        VerticalLayout v = new VerticalLayout(editing, hint, source, buttons, problems);
        v.setPadding(false);
        v.setWidthFull();
        return v;
    }

    /** Shows a stored flow in the editor; null: the sample, for a new flow. */
    void load(FlowText.Summary f) {
        problems.removeAll();
        if (f == null) {
            loaded = null;
            source.setValue(SAMPLE);
            editing.setText(t("flows.editing.new"));
        } else {
            loaded = f.intent().isEmpty() ? null : f.intent();
            source.setValue(f.source() == null ? "" : f.source());
            editing.setText(t("flows.editing", f.intent()));
        }
        delete.setEnabled(loaded != null);
    }

    void validate() {
        act(s -> s.validate(source.getValue())).ifPresent(found -> {
            showProblems(found);
            if (found.isEmpty()) {
                AdminSupport.ok(status, t("flows.valid"));
            } else {
                AdminSupport.error(status, t("flows.invalid", RoutingText.digits(found.size(),
                        "fa".equals(getLocale().getLanguage()))));
            }
        });
    }

    private void showProblems(List<String> found) {
        problems.removeAll();
        if (found.isEmpty()) {
            Span ok = new Span(t("flows.valid"));
            ok.setId("flows-valid");
            ok.addClassName("pk-ok");
            problems.add(ok);
            return;
        }
        int i = 0;
        for (String p : found) {
            Div line = new Div();
            line.setId("flows-problem-" + i++);
            line.addClassName("pk-problem");
            line.getElement().setAttribute("dir", "ltr");
            line.setText(p);
            problems.add(line);
        }
    }

    void save() {
        String json = source.getValue();
        Optional<FlowService> s = console.flows();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("flows.missing"));
            return;
        }
        // the service's problems first: a refused save shows them one a line
        List<String> found;
        try {
            found = s.get().validate(json);
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return;
        }
        if (!found.isEmpty()) {
            showProblems(found);
            AdminSupport.error(status, t("flows.invalid", RoutingText.digits(found.size(),
                    "fa".equals(getLocale().getLanguage()))));
            return;
        }
        act(f -> f.save(json, AdminSupport.actor())).ifPresent(saved -> {
            // the flow of the draft's intent was replaced; show it as stored (the service may normalise it)
            String intent = FlowText.intentOf(json);
            if (intent == null) {
                intent = FlowText.intentOf(saved) != null ? FlowText.intentOf(saved) : saved.strip();
            }
            refresh();
            String stored = json;
            try {
                stored = s.get().flow(intent).orElse(json);
            } catch (RuntimeException e) {
                // show the draft as saved
            }
            load(FlowText.summarize(stored));
            AdminSupport.ok(status, t("flows.saved", intent));
        });
    }

    private void confirmDelete() {
        if (loaded == null) {
            return;
        }
        String intent = loaded;
        Dialog d = new Dialog();
        d.setId("flows-delete-dialog");
        d.setHeaderTitle(t("flows.delete.title"));
        Span what = new Span(intent);
        what.getElement().setAttribute("dir", "ltr");
        Button ok = new Button(t("kb.delete"), e -> {
            d.close();
            delete(intent);
        });
        ok.setId("flows-delete-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("flows-delete-cancel");
        d.add(what);
        d.getFooter().add(cancel, ok);
        d.open();
    }

    void delete(String intent) {
        act(f -> f.delete(intent, AdminSupport.actor())).ifPresent(deleted -> {
            List<FlowText.Summary> all = refresh();
            if (deleted) {
                load(all.isEmpty() ? null : all.get(0));
                AdminSupport.ok(status, t("flows.deleted", intent));
            } else {
                AdminSupport.error(status, t("flows.notFound", intent));
            }
        });
    }
}
