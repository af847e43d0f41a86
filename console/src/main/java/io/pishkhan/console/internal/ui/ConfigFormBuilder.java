package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.console.internal.logic.ConfigFormLogic;
import io.pishkhan.console.internal.logic.ConfigFormLogic.Editor;
import io.pishkhan.console.internal.logic.ConfigFormLogic.Problem;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Draws a configuration form from its metadata alone (no field is known in advance): STRING and CHAR as a text field,
 * PASSWORD as a password field that is never prefilled (left empty it keeps the current password), INTEGER/SHORT/BYTE
 * as an integer field and LONG/DOUBLE/FLOAT as a number field with the field's min/max, BOOLEAN as a check box, a
 * field with options as a select (several options: a multi-select), any other field with cardinality other than 0
 * as a text area with one value a line. Required fields carry the required mark; the description is the helper
 * text. {@link #check()} applies the metadata's rules before saving; {@link #showErrors} puts the service's errors on
 * the fields. Every editor's id is {@code cfg-<field id>}.
 */
final class ConfigFormBuilder {
    /** One field's editor: its component, the values it holds now, and its error display. */
    static final class FieldEditor {
        final ConfigField field;
        final Editor kind;
        final Component component;
        private final Supplier<List<String>> values;

        FieldEditor(ConfigField field, Editor kind, Component component, Supplier<List<String>> values) {
            this.field = field;
            this.kind = kind;
            this.component = component;
            this.values = values;
        }

        List<String> values() {
            return values.get();
        }

        /** An empty password field is not sent: the service keeps the current password. */
        boolean sent() {
            return kind != Editor.PASSWORD || !values().isEmpty();
        }

        void error(String message) {
            if (component instanceof HasValidation v) {
                v.setErrorMessage(message);
                v.setInvalid(message != null);
            }
            component.getElement().setAttribute("data-error", message == null ? "" : message);
        }

        String error() {
            return component instanceof HasValidation v && v.isInvalid() ? v.getErrorMessage() : null;
        }
    }

    private final ConfigForm form;
    private final Locale locale;
    private final Map<String, FieldEditor> editors = new LinkedHashMap<>();
    private final FormLayout layout = new FormLayout();

    ConfigFormBuilder(ConfigForm form, Locale locale) {
        this.form = form;
        this.locale = locale;
        layout.setId("settings-fields");
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("700px", 2));
        for (ConfigField f : form.fields()) {
            FieldEditor e = build(f);
            editors.put(f.id(), e);
            layout.add(e.component);
        }
    }

    FormLayout layout() {
        return layout;
    }

    Map<String, FieldEditor> editors() {
        return editors;
    }

    FieldEditor editor(String fieldId) {
        return editors.get(fieldId);
    }

    private String t(String key, Object... args) {
        return ConsoleI18N.translate(key, locale, args);
    }

    private FieldEditor build(ConfigField f) {
        Editor kind = ConfigFormLogic.editor(f);
        List<String> initial = ConfigFormLogic.initial(form, f);
        String first = initial.isEmpty() ? null : initial.get(0);
        String label = f.name() == null || f.name().isBlank() ? f.id() : f.name();
        FieldEditor e = switch (kind) {
            case PASSWORD -> {
                PasswordField p = new PasswordField(label);
                if (ConfigFormLogic.passwordSet(form, f)) {
                    p.setPlaceholder(t("config.password.keep"));
                }
                yield new FieldEditor(f, kind, p, () -> nonEmpty(p.getValue()));
            }
            case BOOLEAN -> {
                Checkbox c = new Checkbox(label);
                c.setValue(Boolean.parseBoolean(first));
                yield new FieldEditor(f, kind, c, () -> List.of(Boolean.toString(c.getValue())));
            }
            case INTEGER -> {
                IntegerField n = new IntegerField(label);
                Integer min = ConfigFormLogic.parseInt(f.min());
                Integer max = ConfigFormLogic.parseInt(f.max());
                if (min != null) {
                    n.setMin(min);
                }
                if (max != null) {
                    n.setMax(max);
                }
                n.setStepButtonsVisible(true);
                n.setValue(ConfigFormLogic.parseInt(first));
                n.getElement().setAttribute("dir", "ltr");
                yield new FieldEditor(f, kind, n, () -> n.getValue() == null ? List.of()
                        : List.of(Integer.toString(n.getValue())));
            }
            case NUMBER -> {
                NumberField n = new NumberField(label);
                Double min = ConfigFormLogic.parseDouble(f.min());
                Double max = ConfigFormLogic.parseDouble(f.max());
                if (min != null) {
                    n.setMin(min);
                }
                if (max != null) {
                    n.setMax(max);
                }
                if (f.type() == ConfigField.Type.LONG) {
                    n.setStep(1);
                }
                n.setValue(ConfigFormLogic.parseDouble(first));
                n.getElement().setAttribute("dir", "ltr");
                yield new FieldEditor(f, kind, n, () -> nonEmpty(ConfigFormLogic.numberText(f, n.getValue())));
            }
            case CHOICE -> {
                Select<String> s = new Select<>();
                s.setLabel(label);
                s.setItems(new ArrayList<>(f.options().keySet()));
                s.setItemLabelGenerator(v -> v == null ? "" : f.options().getOrDefault(v, v));
                s.setEmptySelectionAllowed(!f.required());
                if (first != null && f.options().containsKey(first)) {
                    s.setValue(first);
                }
                yield new FieldEditor(f, kind, s, () -> s.getValue() == null ? List.of() : List.of(s.getValue()));
            }
            case MULTI_CHOICE -> {
                MultiSelectComboBox<String> m = new MultiSelectComboBox<>(label);
                List<String> keys = new ArrayList<>(f.options().keySet());
                m.setItems(keys);
                m.setItemLabelGenerator(v -> f.options().getOrDefault(v, v));
                m.setValue(new LinkedHashSet<>(initial.stream().filter(f.options()::containsKey).toList()));
                yield new FieldEditor(f, kind, m, () -> keys.stream().filter(m.getValue()::contains).toList());
            }
            case LINES -> {
                TextArea a = new TextArea(label);
                a.setValue(ConfigFormLogic.lines(initial));
                a.getElement().setAttribute("dir", "auto");
                a.setMinHeight("6em");
                yield new FieldEditor(f, kind, a, () -> ConfigFormLogic.splitLines(a.getValue(), f));
            }
            default -> {
                TextField tf = new TextField(label);
                tf.setValue(first == null ? "" : first);
                tf.getElement().setAttribute("dir", "auto");
                if (f.type() == ConfigField.Type.CHAR) {
                    tf.setMaxLength(1);
                }
                yield new FieldEditor(f, kind, tf, () -> nonEmpty(tf.getValue()));
            }
        };
        // the fields show only the errors of check() and of the service, not their own validation's (which would
        // clear a message set here on the next blur)
        if (e.component instanceof com.vaadin.flow.component.textfield.TextFieldBase<?, ?> tb) {
            tb.setManualValidation(true);
        } else if (e.component instanceof com.vaadin.flow.component.textfield.AbstractNumberField<?, ?> nf) {
            nf.setManualValidation(true);
        } else if (e.component instanceof Select<?> sel) {
            sel.setManualValidation(true);
        } else if (e.component instanceof com.vaadin.flow.component.combobox.ComboBoxBase<?, ?, ?> cb) {
            cb.setManualValidation(true);
        }
        e.component.setId("cfg-" + f.id());
        e.component.getElement().setAttribute("data-type", f.type().name());
        e.component.getElement().setAttribute("data-editor", kind.name());
        if (e.component instanceof com.vaadin.flow.component.HasValue<?, ?> hv) {
            hv.setRequiredIndicatorVisible(f.required() && kind != Editor.PASSWORD && kind != Editor.BOOLEAN);
        }
        if (e.component instanceof HasHelper h) {
            h.setHelperText(helper(f, kind));
        }
        return e;
    }

    /** The field's description, its range and, for lists, "one value a line". */
    private String helper(ConfigField f, Editor kind) {
        List<String> parts = new ArrayList<>();
        if (f.description() != null && !f.description().isBlank()) {
            parts.add(f.description());
        }
        boolean fa = ConsoleI18N.isPersian(locale);
        boolean text = f.type() == ConfigField.Type.STRING || f.type() == ConfigField.Type.PASSWORD;
        if (f.options().isEmpty() && (f.min() != null || f.max() != null)) {
            String min = f.min() == null ? "" : RoutingText.digits(f.min(), fa);
            String max = f.max() == null ? "" : RoutingText.digits(f.max(), fa);
            parts.add(t(text ? "config.range.length" : "config.range", min, max));
        }
        if (kind == Editor.LINES) {
            int most = ConfigFormLogic.maxValues(f);
            parts.add(most == Integer.MAX_VALUE ? t("config.lines") : t("config.lines.max", most));
        }
        if (kind == Editor.PASSWORD) {
            parts.add(t("config.password.hint"));
        }
        return String.join(" · ", parts);
    }

    private static List<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s);
    }

    /** The values to save: every field, except an empty password (kept). */
    Map<String, List<String>> values() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (FieldEditor e : editors.values()) {
            if (e.sent()) {
                out.put(e.field.id(), e.values());
            }
        }
        return out;
    }

    /** Checks every field against its metadata and marks the ones that fail; true when all fit. */
    boolean check() {
        Map<String, List<String>> values = values();
        Map<String, Problem> problems = ConfigFormLogic.checkAll(form, values);
        for (FieldEditor e : editors.values()) {
            Problem p = problems.get(e.field.id());
            e.error(p == null ? null : text(p));
        }
        return problems.isEmpty();
    }

    /**
     * Shows the service's errors on their fields; the others are cleared. Returns the errors of ids that are not a
     * field of this form (shown elsewhere).
     */
    Map<String, String> showErrors(Map<String, String> errors) {
        Map<String, String> rest = new LinkedHashMap<>(errors);
        for (FieldEditor e : editors.values()) {
            e.error(rest.remove(e.field.id()));
        }
        return rest;
    }

    String text(Problem p) {
        Object[] args = p.args().stream().map(a -> a instanceof Problem q ? text(q)
                : a instanceof Integer n ? RoutingText.digits(n, ConsoleI18N.isPersian(locale)) : a).toArray();
        return t(p.key(), args);
    }
}
