package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.PolicyValidationException;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.HoursText;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Business hours ({@code /console/hours}): the schedules and an editor for one (weekly hours per day, holidays and
 * special hours one a line, closed messages in Persian and English). Dates are shown Jalali with Persian digits in
 * Persian and Gregorian in English, converted by {@link BusinessHoursService}'s Jalali helpers; both calendars are
 * accepted when typing. Supervisors see the schedules read-only.
 */
@Route(value = "hours", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class BusinessHoursView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    private static final int AUDIT_LIMIT = 200;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final boolean editable = AdminSupport.mayEdit();
    private final Span status = AdminSupport.statusLine("hours-status");
    private final Grid<BusinessHours> schedules = new Grid<>();
    private final TextField id = new TextField();
    private final TextField name = new TextField();
    private final TextField zone = new TextField();
    private final Map<DayOfWeek, TextField> days = new EnumMap<>(DayOfWeek.class);
    private final TextArea holidays = new TextArea();
    private final TextArea special = new TextArea();
    private final TextArea closedFa = new TextArea();
    private final TextArea closedEn = new TextArea();
    private final TextField comment = new TextField();
    private final Div problems = new Div();
    private Grid<AuditRecord> audit;

    public BusinessHoursView() {
        setWidthFull();
        add(new H3(t("hours.title")), status);
        Optional<BusinessHoursService> service = console.businessHours();
        if (service.isEmpty()) {
            add(AdminSupport.notInstalled("hours-missing", t("hours.missing")));
            return;
        }
        Span today = new Span(t("hours.today", fa ? service.get().formatJalali(Instant.now(),
                console.settings().zone(), true) : LocalDate.now(console.settings().zone()).toString()));
        today.setId("hours-today");
        today.addClassName("pk-label");
        add(today, schedulesGrid());
        add(editor());
        audit = AdminSupport.auditGrid("hours-audit-grid", getLocale(), console.settings().zone());
        add(new H4(t("hours.audit")), audit);
        refresh();
        clear();
    }

    @Override
    public String getPageTitle() {
        return t("nav.hours") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    /** The service's Jalali helpers, as the editor's text logic needs them. */
    private HoursText.JalaliCalendar calendar(BusinessHoursService s) {
        return new HoursText.JalaliCalendar() {
            @Override
            public String format(LocalDate gregorian, boolean persianDigits) {
                return s.formatJalali(gregorian, persianDigits);
            }

            @Override
            public LocalDate parse(String jalali) {
                return s.parseJalali(jalali);
            }
        };
    }

    private void refresh() {
        console.businessHours().ifPresent(s -> {
            schedules.setItems(s.schedules());
            audit.setItems(s.audit(AUDIT_LIMIT));
        });
    }

    private String dayName(DayOfWeek d) {
        return t("day." + d.name());
    }

    private Component schedulesGrid() {
        schedules.setId("schedules-grid");
        schedules.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        schedules.addColumn(BusinessHours::id).setHeader(t("field.id")).setAutoWidth(true);
        schedules.addColumn(h -> h.name() == null ? "" : h.name()).setHeader(t("field.name")).setAutoWidth(true);
        schedules.addColumn(h -> h.timeZone() == null ? BusinessHours.DEFAULT_TIME_ZONE : h.timeZone())
                .setHeader(t("hours.zone")).setAutoWidth(true);
        schedules.addColumn(this::weekSummary).setHeader(t("hours.week")).setFlexGrow(1)
                .setTooltipGenerator(this::weekSummary);
        schedules.addColumn(h -> RoutingText.digits(h.holidays().size(), fa)).setHeader(t("hours.holidays.count"))
                .setAutoWidth(true).setFlexGrow(0);
        schedules.addComponentColumn(h -> {
            Button b = new Button(t(editable ? "edit" : "show"), e -> edit(h));
            b.setId("schedule-edit-" + h.id());
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            return b;
        }).setAutoWidth(true).setFlexGrow(0);
        schedules.addItemClickListener(e -> edit(e.getItem()));
        schedules.setHeight("240px");
        return schedules;
    }

    private String weekSummary(BusinessHours h) {
        StringBuilder b = new StringBuilder();
        for (DayOfWeek d : HoursText.week(fa)) {
            List<String> iv = h.weekly().getOrDefault(d, List.of());
            if (!iv.isEmpty()) {
                if (b.length() > 0) {
                    b.append(fa ? "، " : ", ");
                }
                b.append(dayName(d)).append(' ').append(HoursText.formatIntervals(iv, fa));
            }
        }
        return b.length() == 0 ? t("hours.neverOpen") : b.toString();
    }

    private Component editor() {
        id.setId("hours-id");
        id.setLabel(t("field.id"));
        id.setRequired(true);
        name.setId("hours-name");
        name.setLabel(t("field.name"));
        zone.setId("hours-zone");
        zone.setLabel(t("hours.zone"));
        zone.getElement().setAttribute("dir", "ltr");
        FormLayout head = new FormLayout(id, name, zone);
        head.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));

        FormLayout week = new FormLayout();
        week.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2),
                new FormLayout.ResponsiveStep("900px", 4));
        for (DayOfWeek d : HoursText.week(fa)) {
            TextField f = new TextField(dayName(d));
            f.setId("hours-day-" + d.name());
            f.setPlaceholder(t("hours.closed"));
            f.getElement().setAttribute("dir", "ltr");
            days.put(d, f);
            week.add(f);
        }
        Span weekHint = new Span(t("hours.week.hint"));
        weekHint.addClassName("pk-label");

        holidays.setId("hours-holidays");
        holidays.setLabel(t("hours.holidays"));
        holidays.setHelperText(t(fa ? "hours.holidays.hint.fa" : "hours.holidays.hint.en"));
        holidays.setWidthFull();
        holidays.setMinHeight("120px");
        holidays.getElement().setAttribute("dir", "auto");
        special.setId("hours-special");
        special.setLabel(t("hours.special"));
        special.setHelperText(t(fa ? "hours.special.hint.fa" : "hours.special.hint.en"));
        special.setWidthFull();
        special.setMinHeight("100px");
        special.getElement().setAttribute("dir", "auto");
        closedFa.setId("hours-closed-fa");
        closedFa.setLabel(t("hours.closedMessage.fa"));
        closedFa.getElement().setAttribute("dir", "rtl");
        closedFa.setWidthFull();
        closedEn.setId("hours-closed-en");
        closedEn.setLabel(t("hours.closedMessage.en"));
        closedEn.getElement().setAttribute("dir", "ltr");
        closedEn.setWidthFull();
        problems.setId("hours-problems");
        problems.addClassName("pk-problems");

        VerticalLayout v = new VerticalLayout(new H4(t("hours.editor")), head, new H4(t("hours.week")), weekHint, week,
                holidays, special, closedMessages(), problems);
        v.setId("hours-editor");
        v.setPadding(false);
        v.setWidthFull();
        if (editable) {
            comment.setId("hours-comment");
            comment.setLabel(t("rules.comment"));
            comment.setWidth("360px");
            Button check = new Button(t("rules.validate"), e -> validate());
            check.setId("hours-validate");
            Button save = new Button(t("save"), e -> save());
            save.setId("hours-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button delete = new Button(t("delete"), e -> delete());
            delete.setId("hours-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            Button fresh = new Button(t("new"), e -> clear());
            fresh.setId("hours-new");
            HorizontalLayout buttons = new HorizontalLayout(comment, check, save, delete, fresh);
            buttons.setAlignItems(Alignment.BASELINE);
            v.add(buttons);
        } else {
            for (Component c : List.of(id, name, zone, holidays, special, closedFa, closedEn)) {
                ((com.vaadin.flow.component.HasValue<?, ?>) c).setReadOnly(true);
            }
            days.values().forEach(f -> f.setReadOnly(true));
        }
        return v;
    }

    /** Shows a schedule in the editor (package-private for tests: the grid's buttons render on the client). */
    void edit(BusinessHours h) {
        Optional<BusinessHoursService> s = console.businessHours();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("hours.missing"));
            return;
        }
        HoursText.JalaliCalendar cal = calendar(s.get());
        id.setValue(h.id());
        id.setReadOnly(true);
        name.setValue(h.name() == null ? "" : h.name());
        zone.setValue(h.timeZone() == null ? "" : h.timeZone());
        days.forEach((d, f) -> f.setValue(HoursText.formatIntervals(h.weekly().getOrDefault(d, List.of()), fa)));
        holidays.setValue(HoursText.formatHolidays(h.holidays(), fa, cal));
        special.setValue(HoursText.formatSpecial(h.specialHours(), fa, cal, t("hours.closed")));
        closedFa.setValue(h.closedMessageFa() == null ? "" : h.closedMessageFa());
        closedEn.setValue(h.closedMessageEn() == null ? "" : h.closedMessageEn());
        problems.removeAll();
    }

    private void clear() {
        id.clear();
        id.setReadOnly(!editable);
        name.clear();
        zone.setValue(BusinessHours.DEFAULT_TIME_ZONE);
        days.forEach((d, f) -> f.setValue(d == DayOfWeek.FRIDAY ? "" : HoursText.formatIntervals(
                List.of(d == DayOfWeek.THURSDAY ? "08:00-13:00" : "08:00-17:00"), fa)));
        holidays.clear();
        special.clear();
        closedFa.clear();
        closedEn.clear();
        problems.removeAll();
    }

    /** The schedule as typed; null (with the error shown) when the id is missing. */
    private BusinessHours typed() {
        String i = RoutingText.blankToNull(id.getValue());
        if (i == null) {
            AdminSupport.error(status, t("input.required", id.getLabel()));
            return null;
        }
        Map<DayOfWeek, List<String>> weekly = new EnumMap<>(DayOfWeek.class);
        days.forEach((d, f) -> {
            List<String> iv = HoursText.parseIntervals(f.getValue());
            if (!iv.isEmpty()) {
                weekly.put(d, iv);
            }
        });
        return new BusinessHours(i, RoutingText.blankToNull(name.getValue()), RoutingText.blankToNull(zone.getValue()),
                weekly, HoursText.parseHolidays(holidays.getValue()), HoursText.parseSpecial(special.getValue()),
                RoutingText.blankToNull(closedFa.getValue()), RoutingText.blankToNull(closedEn.getValue()));
    }

    private void showProblems(List<String> found) {
        problems.removeAll();
        int n = 0;
        for (String p : found) {
            Div line = new Div();
            line.setId("hours-problem-" + n++);
            line.addClassName("pk-problem");
            line.getElement().setAttribute("dir", "auto");
            line.setText(p);
            problems.add(line);
        }
    }

    private void validate() {
        Optional<BusinessHoursService> s = console.businessHours();
        BusinessHours h = typed();
        if (s.isEmpty() || h == null) {
            if (s.isEmpty()) {
                AdminSupport.error(status, t("hours.missing"));
            }
            return;
        }
        try {
            List<String> found = s.get().validate(h);
            showProblems(found);
            if (found.isEmpty()) {
                AdminSupport.ok(status, t("hours.valid"));
            } else {
                AdminSupport.error(status, t("hours.invalid", RoutingText.digits(found.size(), fa)));
            }
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    private void save() {
        Optional<BusinessHoursService> s = console.businessHours();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("hours.missing"));
            return;
        }
        BusinessHours h = typed();
        if (h == null) {
            return;
        }
        try {
            BusinessHours saved = s.get().save(h, AdminSupport.actor(), RoutingText.blankToNull(comment.getValue()));
            problems.removeAll();
            comment.clear();
            refresh();
            edit(saved);
            AdminSupport.ok(status, t("hours.saved", saved.id()));
        } catch (PolicyValidationException e) {
            showProblems(e.problems());
            AdminSupport.error(status, t("hours.invalid", RoutingText.digits(e.problems().size(), fa)));
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    private void delete() {
        Optional<BusinessHoursService> s = console.businessHours();
        String i = RoutingText.blankToNull(id.getValue());
        if (s.isEmpty() || i == null) {
            AdminSupport.error(status, s.isEmpty() ? t("hours.missing") : t("input.required", id.getLabel()));
            return;
        }
        try {
            if (s.get().delete(i, AdminSupport.actor(), RoutingText.blankToNull(comment.getValue()))) {
                AdminSupport.ok(status, t("hours.deleted", i));
                clear();
            } else {
                AdminSupport.error(status, t("delete.notStored", i));
            }
            refresh();
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    /** The two closed messages side by side, each half of the editor's width. */
    private HorizontalLayout closedMessages() {
        HorizontalLayout row = new HorizontalLayout(closedFa, closedEn);
        row.setWidthFull();
        row.setFlexGrow(1, closedFa, closedEn);
        return row;
    }
}
