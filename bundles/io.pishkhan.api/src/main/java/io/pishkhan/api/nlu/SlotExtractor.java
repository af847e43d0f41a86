package io.pishkhan.api.nlu;

import java.util.List;

/**
 * Finds the fields a contact centre needs (phone, email, order or ticket number, Iranian national code with its
 * check digit, card number with Luhn, amounts, Jalali and Gregorian dates) in Persian and English text, with Persian
 * and Arabic-Indic digits.
 */
public interface SlotExtractor {
    List<Slot> extract(String text);
}
