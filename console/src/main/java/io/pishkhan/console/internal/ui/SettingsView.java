package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.ConfigValidationException;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConfigFormLogic;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Configuration ({@code /console/settings}, admins): the forms of every configurable component (searchable), and the
 * selected one drawn from its metadata by {@link ConfigFormBuilder}. Save checks the fields first, then calls
 * {@link ConfigurationService#save} with the user as actor; the service's field errors are shown on the fields and
 * nothing is saved then. {@code ?pid=...} opens a form directly (the address follows the selection, so a reload shows
 * the same form with the saved values).
 */
@Route(value = "settings", layout = MainLayout.class)
@RequiresRole(ConsoleUser.ADMIN)
public class SettingsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    private static final long serialVersionUID = 1L;

    private final transient Console console = ConsoleServlet.console();
    private final Span status = AdminSupport.statusLine("settings-status");
    private final TextField search = new TextField();
    private final Grid<ConfigForm> forms = new Grid<>();
    private final VerticalLayout editor = new VerticalLayout();
    private transient List<ConfigForm> all = List.of();
    private transient ConfigForm current;
    private transient ConfigFormBuilder builder;

    public SettingsView() {
        setWidthFull();
        add(new H3(t("nav.settings")), status);
        if (console.configuration().isEmpty()) {
            add(AdminSupport.notInstalled("settings-missing", t("settings.missing")));
            return;
        }
        search.setId("settings-search");
        search.setPlaceholder(t("settings.search"));
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> filter());
        search.setWidthFull();
        forms.setId("settings-forms");
        forms.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        forms.addColumn(f -> f.name() == null || f.name().isBlank() ? f.pid() : f.name())
                .setHeader(t("settings.form")).setFlexGrow(1).setTooltipGenerator(ConfigForm::pid);
        forms.addColumn(f -> f.factory() ? t("settings.factory") : "").setAutoWidth(true).setFlexGrow(0);
        forms.setClassNameGenerator(f -> "pk-form-" + f.pid().replaceAll("[^A-Za-z0-9_-]", "_"));
        forms.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null && e.isFromClient()) {
                open(e.getValue().pid());
            }
        });
        forms.setHeight("560px");
        VerticalLayout left = new VerticalLayout(search, forms);
        left.setPadding(false);
        left.setWidth("340px");
        left.getStyle().set("flex-shrink", "0");
        editor.setId("settings-editor");
        editor.setPadding(false);
        HorizontalLayout body = new HorizontalLayout(left, editor);
        body.setWidthFull();
        body.setAlignItems(FlexComponent.Alignment.START);
        body.setFlexGrow(1, editor);
        add(body);
        load();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> pid = event.getLocation().getQueryParameters().getParameters().get("pid");
        if (pid != null && !pid.isEmpty() && console.configuration().isPresent()) {
            open(pid.get(0));
        }
    }

    @Override
    public String getPageTitle() {
        return t("nav.settings") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private void load() {
        Optional<ConfigurationService> s = console.configuration();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("settings.missing"));
            return;
        }
        try {
            all = s.get().forms();
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            all = List.of();
        }
        filter();
    }

    private void filter() {
        forms.setItems(ConfigFormLogic.search(all, search.getValue()));
    }

    /** Shows the form of this PID (as the service has it now). */
    void open(String pid) {
        Optional<ConfigurationService> s = console.configuration();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("settings.missing"));
            return;
        }
        Optional<ConfigForm> form;
        try {
            form = s.get().form(pid);
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return;
        }
        if (form.isEmpty()) {
            AdminSupport.error(status, t("settings.noForm", pid));
            return;
        }
        show(form.get());
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                "settings?pid=" + java.net.URLEncoder.encode(form.get().pid(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    private void show(ConfigForm form) {
        current = form;
        all.stream().filter(f -> f.pid().equals(form.pid())).findFirst().ifPresent(forms::select);
        editor.removeAll();
        H4 title = new H4(form.name() == null || form.name().isBlank() ? form.pid() : form.name());
        title.setId("settings-title");
        Span pid = new Span(form.pid() + (form.bundle() == null ? "" : "  ·  " + form.bundle()));
        pid.setId("settings-pid");
        pid.addClassName("pk-label");
        pid.getElement().setAttribute("dir", "ltr");
        editor.add(title, pid);
        if (form.description() != null && !form.description().isBlank()) {
            Span d = new Span(form.description());
            d.getElement().setAttribute("dir", "auto");
            editor.add(d);
        }
        if (form.factory()) {
            editor.add(new Span(t("settings.factory.hint")));
        }
        builder = new ConfigFormBuilder(form, getLocale());
        editor.add(builder.layout());
        if (form.fields().isEmpty()) {
            editor.add(new Span(t("settings.noFields")));
        }
        Button save = new Button(t("settings.save"), e -> save());
        save.setId("settings-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button reset = new Button(t("settings.reset"), e -> open(form.pid()));
        reset.setId("settings-reset");
        editor.add(new HorizontalLayout(save, reset));
    }

    /** Checks the fields, then saves through the service; errors go on the fields. */
    void save() {
        if (current == null || builder == null) {
            return;
        }
        if (!builder.check()) {
            AdminSupport.error(status, t("settings.invalid"));
            return;
        }
        Optional<ConfigurationService> s = console.configuration();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("settings.missing"));
            return;
        }
        ConfigForm saved;
        try {
            saved = s.get().save(current.pid(), builder.values(), AdminSupport.actor());
        } catch (ConfigValidationException e) {
            Map<String, String> rest = builder.showErrors(e.errors());
            String extra = rest.entrySet().stream().map(x -> x.getKey() + ": " + x.getValue())
                    .collect(Collectors.joining("; "));
            AdminSupport.error(status, t("settings.invalid") + (extra.isEmpty() ? "" : " " + extra));
            return;
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return;
        }
        String name = saved.name() == null || saved.name().isBlank() ? saved.pid() : saved.name();
        load();
        show(saved);
        AdminSupport.ok(status, t("settings.saved", name));
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "settings?pid="
                + java.net.URLEncoder.encode(saved.pid(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    ConfigFormBuilder builder() {
        return builder;
    }
}
