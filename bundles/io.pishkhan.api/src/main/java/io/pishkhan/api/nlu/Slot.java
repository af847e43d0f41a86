package io.pishkhan.api.nlu;

/**
 * A field found in a text.
 *
 * @param type       {@code phone}, {@code email}, {@code order}, {@code ticket}, {@code national_code},
 *                   {@code card}, {@code amount}, {@code date}
 * @param text       as written (any digits)
 * @param value      normalised: Latin digits, phone as {@code +98...}, card without spaces, amount in rials or
 *                   the written unit, date as ISO {@code yyyy-MM-dd} (Gregorian)
 * @param start      offset in the text
 * @param end        offset after it
 */
public record Slot(String type, String text, String value, int start, int end) {
}
