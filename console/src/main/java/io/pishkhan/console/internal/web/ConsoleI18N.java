package io.pishkhan.console.internal.web;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Translations from {@code i18n/console_<lang>.properties} (UTF-8) loaded with this bundle's class loader.
 * Registered as the servlet init parameter {@code i18n.provider}; Vaadin instantiates it through the bundle loader.
 */
public class ConsoleI18N implements I18NProvider {
    private static final long serialVersionUID = 1L;
    public static final Locale FA = Locale.forLanguageTag("fa-IR");
    public static final Locale EN = Locale.ENGLISH;
    private static final String BASE = "i18n.console";

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(FA, EN);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return translate(key, locale, params);
    }

    public static String translate(String key, Locale locale, Object... params) {
        Locale l = locale == null ? FA : locale;
        try {
            ResourceBundle rb = ResourceBundle.getBundle(BASE, l, ConsoleI18N.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            String v = rb.getString(key);
            return params.length == 0 ? v : new MessageFormat(v, l).format(params);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    public static boolean isPersian(Locale l) {
        return l != null && "fa".equals(l.getLanguage());
    }

    public static Locale of(String language) {
        return "en".equals(language) ? EN : FA;
    }
}
