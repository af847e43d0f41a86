package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.pishkhan.console.internal.logic.DateRange;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * The date range of the analytics screens: a preset (today, last 7 days, this month, last month: the Jalali month in
 * Persian) and the first and last day. In Persian the days are typed and shown in the Jalali calendar
 * ({@code ۱۴۰۵/۰۹/۰۲}, Persian or Latin digits), in English with a Gregorian date picker (ISO format). "Show"
 * applies a typed range; a preset applies at once. Ids: range-preset, range-from, range-to, range-apply.
 */
final class RangeBar extends HorizontalLayout {
    private static final long serialVersionUID = 1L;
    private final boolean persian;
    private final ZoneId zone;
    private final Select<DateRange.Preset> preset = new Select<>();
    private final TextField fromText = new TextField();
    private final TextField toText = new TextField();
    private final DatePicker fromPicker = new DatePicker();
    private final DatePicker toPicker = new DatePicker();
    private final Consumer<DateRange> onChange;
    private DateRange range;

    RangeBar(ZoneId zone, Consumer<DateRange> onChange, Component... extra) {
        this.zone = zone;
        this.onChange = onChange;
        this.persian = ConsoleI18N.isPersian(getLocale());
        setAlignItems(FlexComponent.Alignment.BASELINE);
        getStyle().set("flex-wrap", "wrap");
        preset.setId("range-preset");
        preset.setLabel(getTranslation("range.preset"));
        preset.setItems(DateRange.Preset.values());
        preset.setItemLabelGenerator(p -> getTranslation(p == null ? "range.preset.custom" : "range.preset." + p.name()));
        preset.setEmptySelectionAllowed(true);
        preset.setEmptySelectionCaption(getTranslation("range.preset.custom"));
        range = DateRange.of(DateRange.Preset.LAST_7_DAYS, today(), persian);
        preset.setValue(DateRange.Preset.LAST_7_DAYS);
        preset.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                range = DateRange.of(e.getValue(), today(), persian);
                showRange();
                fire();
            }
        });
        Button apply = new Button(getTranslation("range.apply"), e -> applyTyped());
        apply.setId("range-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(preset);
        if (persian) {
            setup(fromText, "range-from", "range.from");
            setup(toText, "range-to", "range.to");
            add(fromText, toText);
        } else {
            setup(fromPicker, "range-from", "range.from");
            setup(toPicker, "range-to", "range.to");
            DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
            i18n.setDateFormat("yyyy-MM-dd");
            i18n.setFirstDayOfWeek(1);
            fromPicker.setI18n(i18n);
            toPicker.setI18n(i18n);
            add(fromPicker, toPicker);
        }
        add(apply);
        add(extra);
        showRange();
    }

    private void setup(TextField f, String id, String label) {
        f.setId(id);
        f.setLabel(getTranslation(label));
        f.setPlaceholder(Dates.day(LocalDate.of(2026, 11, 23), true));
        f.setWidth("9em");
        f.getElement().setAttribute("dir", "ltr");
        f.addValueChangeListener(e -> markCustom(e));
    }

    private void setup(DatePicker f, String id, String label) {
        f.setId(id);
        f.setLabel(getTranslation(label));
        f.setWidth("10em");
        f.addValueChangeListener(this::markCustom);
    }

    private void markCustom(HasValue.ValueChangeEvent<?> e) {
        if (e.isFromClient()) {
            preset.clear();
        }
    }

    private LocalDate today() {
        return LocalDate.now(zone);
    }

    private void showRange() {
        if (persian) {
            fromText.setValue(Dates.day(range.first(), true));
            toText.setValue(Dates.day(range.last(), true));
            fromText.setInvalid(false);
            toText.setInvalid(false);
        } else {
            fromPicker.setValue(range.first());
            toPicker.setValue(range.last());
        }
    }

    /** Reads the typed days; on an error marks the field and keeps the previous range. */
    void applyTyped() {
        LocalDate first;
        LocalDate last;
        if (persian) {
            first = read(fromText);
            last = read(toText);
        } else {
            first = fromPicker.getValue();
            last = toPicker.getValue();
            fromPicker.setInvalid(first == null);
            toPicker.setInvalid(last == null);
        }
        if (first == null || last == null) {
            return;
        }
        try {
            range = new DateRange(first, last);
        } catch (IllegalArgumentException e) {
            if (persian) {
                toText.setErrorMessage(getTranslation("range.order"));
                toText.setInvalid(true);
            } else {
                toPicker.setErrorMessage(getTranslation("range.order"));
                toPicker.setInvalid(true);
            }
            return;
        }
        fire();
    }

    private LocalDate read(TextField f) {
        try {
            LocalDate d = Dates.parseDay(f.getValue(), true);
            f.setInvalid(false);
            return d;
        } catch (IllegalArgumentException e) {
            f.setErrorMessage(getTranslation("range.invalid"));
            f.setInvalid(true);
            return null;
        }
    }

    private void fire() {
        onChange.accept(range);
    }

    DateRange range() {
        return range;
    }

    /** For tests: choose a preset as the user would. */
    void choose(DateRange.Preset p) {
        preset.setValue(p);
        range = DateRange.of(p, today(), persian);
        showRange();
        fire();
    }

    /** For tests: type the days (as shown in the UI's calendar) and press "Show". */
    void type(String from, String to) {
        if (persian) {
            fromText.setValue(from);
            toText.setValue(to);
        } else {
            fromPicker.setValue(LocalDate.parse(from));
            toPicker.setValue(LocalDate.parse(to));
        }
        applyTyped();
    }

    List<String> shownDays() {
        return persian ? List.of(fromText.getValue(), toText.getValue())
                : List.of(String.valueOf(fromPicker.getValue()), String.valueOf(toPicker.getValue()));
    }
}
