package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.nlu.Slot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlotExtractorImplTest {
    private final SlotExtractorImpl extractor = new SlotExtractorImpl();

    private List<String> values(String text, String type) {
        return extractor.extract(text).stream().filter(s -> s.type().equals(type)).map(Slot::value).toList();
    }

    private List<String> types(String text) {
        return extractor.extract(text).stream().map(Slot::type).toList();
    }

    @Nested
    class Phone {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "شماره من 09121234567 است | +989121234567",
            "شماره من ۰۹۱۲ ۱۲۳ ۴۵۶۷ است | +989121234567",
            "٠٩١٢١٢٣٤٥٦٧ | +989121234567",
            "call me at +98 912 123 4567 please | +989121234567",
            "call me at 0098-912-123-4567 | +989121234567",
            "تلفن ثابت ۰۲۱-۸۸۰۰۰۰۰۰ | +982188000000",
            "office (021) 8800 0000 | +982188000000",
            "+98 21 88000000 | +982188000000"})
        void normalisedToPlus98(String text, String expected) {
            assertEquals(List.of(expected), values(text, SlotExtractorImpl.PHONE));
        }

        @Test
        void keepsTheTextAsWrittenWithOffsets() {
            String text = "شماره ۰۹۱۲۱۲۳۴۵۶۷ را بگیرید";
            Slot s = extractor.extract(text).get(0);
            assertEquals("۰۹۱۲۱۲۳۴۵۶۷", s.text());
            assertEquals(text.indexOf('۰'), s.start());
            assertEquals(s.start() + 11, s.end());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0912123456", "091212345678", "9121234567"})
        void wrongLengthsOrNoPrefixAreNotPhones(String text) {
            assertEquals(List.of(), values(text, SlotExtractorImpl.PHONE));
        }
    }

    @Test
    void email() {
        assertEquals(List.of("sara.ahmadi@example.ir"), values("ایمیلم Sara.Ahmadi@Example.IR هست", "email"));
        assertEquals(List.of(), values("not an email: sara@ or @example.com", "email"));
    }

    @Nested
    class OrderAndTicket {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "where is ORD-12345? | 12345",
            "سفارش ۱۲۳۴۵ کی می‌رسد | 12345",
            "سفارش شماره ۹۸۷۶۵۴ | 987654",
            "my order #55555 is late | 55555"})
        void orders(String text, String expected) {
            assertEquals(List.of(expected), values(text, SlotExtractorImpl.ORDER));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "ticket #123456 | 123456",
            "کد پیگیری ۷۸۹۰۱۲ را دارم | 789012",
            "شماره پیگیری: ۴۴۴۵۵۵ | 444555",
            "TKT-2024001 status | 2024001",
            "tracking number 99887766 | 99887766"})
        void tickets(String text, String expected) {
            assertEquals(List.of(expected), values(text, SlotExtractorImpl.TICKET));
        }

        @Test
        void patternsAreConfigurable() {
            SlotExtractorImpl custom = new SlotExtractorImpl(Map.of(
                    "slots.order.shop", "(?i)SHOP/(?<id>[A-Z]{2}\\d{3})",
                    "slots.ticket.crm", "CRM(?<id>\\d{3})"));
            List<Slot> found = custom.extract("SHOP/ab123 and CRM777 but not ORD-12345");
            assertEquals(List.of("order:AB123", "ticket:777"),
                    found.stream().map(s -> s.type() + ":" + s.value()).toList());
        }

        @Test
        void anInvalidPatternIsSkippedNotFatal() {
            List<String> problems = new java.util.ArrayList<>();
            var compiled = SlotExtractorImpl.compile(Map.of("slots.ticket.bad", "(unclosed",
                    "slots.ticket.good", "T(?<id>\\d+)"), problems);
            assertEquals(1, compiled.get(SlotExtractorImpl.TICKET).size());
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).contains("(unclosed"), problems.toString());
        }

        @Test
        void aBareNumberIsATicketOnlyWhenOneWasAskedFor() {
            assertEquals(List.of(), extractor.extract("۱۲۳۴۵۶"));
            assertEquals("123456", extractor.extractFor("۱۲۳۴۵۶", SlotExtractorImpl.TICKET).orElseThrow().value());
            // a phone number is not taken for a ticket
            assertTrue(extractor.extractFor("09121234567", SlotExtractorImpl.TICKET).isEmpty());
            assertTrue(extractor.extractFor("نمی‌دانم", SlotExtractorImpl.TICKET).isEmpty());
        }
    }

    @Nested
    class NationalCode {
        @ParameterizedTest
        @ValueSource(strings = {"0012345679", "۱۲۳۴۵۶۷۸۹۱", "498-765432-6"})
        void validCheckDigit(String code) {
            assertEquals(1, values("کد ملی من " + code, SlotExtractorImpl.NATIONAL_CODE).size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0012345678", "1234567890", "4987654321"})
        void wrongCheckDigitIsRejected(String code) {
            assertEquals(List.of(), values("کد ملی من " + code, SlotExtractorImpl.NATIONAL_CODE));
        }

        @Test
        void allSameDigitsAreRejectedThoughTheyPassTheChecksum() {
            assertTrue(SlotExtractorImpl.validNationalCode("0012345679"));
            for (char d = '0'; d <= '9'; d++) {
                assertFalse(SlotExtractorImpl.validNationalCode(String.valueOf(d).repeat(10)));
            }
            assertEquals(List.of(), values("1111111111", SlotExtractorImpl.NATIONAL_CODE));
        }
    }

    @Nested
    class Card {
        @ParameterizedTest
        @ValueSource(strings = {"6037991234567893", "6037 9912 3456 7893", "6037-9912-3456-7893",
            "۶۰۳۷ ۹۹۱۲ ۳۴۵۶ ۷۸۹۳"})
        void luhnValidWithSpacesOrDashes(String card) {
            assertEquals(List.of("6037991234567893"), values("کارت " + card + " مسدود شد", SlotExtractorImpl.CARD));
        }

        @ParameterizedTest
        @ValueSource(strings = {"6037991234567894", "6037 9912 3456 7890", "1111 1111 1111 1111"})
        void failingLuhnIsRejected(String card) {
            assertEquals(List.of(), values(card, SlotExtractorImpl.CARD));
        }

        @Test
        void mixedSeparatorsAreNotOneCard() {
            assertEquals(List.of(), values("6037 9912-3456 7893", SlotExtractorImpl.CARD));
        }
    }

    @Nested
    class Amount {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "۱۲٬۵۰۰٬۰۰۰ ریال | 12500000",
            "12,500,000 rials | 12500000",
            "۵۰۰ هزار تومان | 5000000",
            "500 تومان | 5000",
            "دو میلیون و پانصد هزار تومان | 25000000",
            "یک میلیون و دویست و پنجاه هزار ریال | 1250000",
            "2.5 میلیون تومان | 25000000",
            "five hundred thousand toman | 5000000",
            "25 USD | 25 USD",
            "$1,200 | 1200 USD",
            "۳۰ دلار | 30 USD",
            "مبلغ 1,250,000 کسر شد | 1250000"})
        void amounts(String text, String expected) {
            assertEquals(List.of(expected), values(text, SlotExtractorImpl.AMOUNT));
        }

        @Test
        void aPlainNumberWithoutUnitOrSeparatorIsNoAmount() {
            assertEquals(List.of(), values("I have 3 cards and 12500 points", SlotExtractorImpl.AMOUNT));
        }
    }

    @Nested
    class Date {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "۱۴۰۴/۰۱/۱۳ | 2025-04-02",
            "1404-1-13 | 2025-04-02",
            "تاریخ ١٤٠٤/٠١/١٣ | 2025-04-02",
            "۱۳ فروردین ۱۴۰۴ | 2025-04-02",
            "۱۳ فروردین ماه ۱۴۰۴ | 2025-04-02",
            "13/01/1404 | 2025-04-02",
            "1 Farvardin 1404 | 2025-03-21",
            "۳۰ اسفند ۱۴۰۳ | 2025-03-20",
            "۱۰ دی ۱۴۰۳ | 2024-12-30",
            "2025-04-02 | 2025-04-02",
            "2 April 2025 | 2025-04-02",
            "April 2, 2025 | 2025-04-02",
            "۲ آوریل ۲۰۲۵ | 2025-04-02"})
        void isoGregorian(String text, String expected) {
            assertEquals(List.of(expected), values(text, SlotExtractorImpl.DATE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1404/07/31", "۳۰ اسفند ۱۴۰۴", "1404/13/01", "2025-02-30", "31 April 2025",
            "13 Farvardin 2025"})
        void datesThatDoNotExistAreRejected(String text) {
            assertEquals(List.of(), values(text, SlotExtractorImpl.DATE));
        }
    }

    @Test
    void severalTypesInOneMessageDoNotOverlap() {
        String text = "سلام، سفارش ۱۲۳۴۵ را روز ۱۴۰۴/۰۱/۱۳ با کارت 6037991234567893 به مبلغ ۲۵۰ هزار تومان "
                + "پرداخت کردم؛ شماره‌ام 09121234567 و ایمیلم a@b.ir است.";
        assertEquals(List.of("order", "date", "card", "amount", "phone", "email"), types(text));
    }
}
