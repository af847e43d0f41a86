package io.pishkhan.core.internal;

/** Tells Persian (Arabic script) text from other text, for choosing notices. */
final class Language {
    private Language() {
    }

    /** "fa" when the text has more Arabic-script letters than Latin ones, else "en". */
    static String detect(String text) {
        if (text == null) {
            return "en";
        }
        int arabic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.ARABIC && Character.isLetter(c)) {
                arabic++;
            } else if (script == Character.UnicodeScript.LATIN && Character.isLetter(c)) {
                latin++;
            }
        }
        return arabic > latin ? "fa" : "en";
    }
}
