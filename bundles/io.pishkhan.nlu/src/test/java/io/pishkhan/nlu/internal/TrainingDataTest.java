package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataTest {
    @Test
    void readsQuotedFieldsAndKeepsLineNumbers() {
        List<TrainingData.Example> rows = TrainingData.parse("\uFEFFText,Label\r\n"
                + "\"hello, there\",greeting\r\n"
                + "\"two\nlines \"\"quoted\"\"\",multi\r\n"
                + "\r\n"
                + "nothing to see,oos\r\n");
        assertEquals(3, rows.size());
        assertEquals(new TrainingData.Example("hello, there", "greeting", 2), rows.get(0));
        assertEquals("two\nlines \"quoted\"", rows.get(1).text());
        assertEquals(3, rows.get(1).line());
        assertEquals(6, rows.get(2).line());
        assertTrue(rows.get(2).outOfScope());
    }

    @Test
    void columnsMayComeInAnyOrderWithExtraColumns() {
        List<TrainingData.Example> rows = TrainingData.parse("id,label,text\n1,thanks,merci\n");
        assertEquals(new TrainingData.Example("merci", "thanks", 2), rows.get(0));
    }

    @Test
    void missingHeaderNamesLineOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.parse("hello,greeting\nbye,goodbye\n"));
        assertTrue(e.getMessage().startsWith("line 1: missing header"), e.getMessage());
    }

    @Test
    void emptyTextNamesTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.parse("text,label\nhello,greeting\n,greeting\n"));
        assertEquals("line 3: empty text", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.parse("text,label\nhello,greeting\n\"?!\",greeting\n"));
        assertEquals("line 3: empty text", e.getMessage());
    }

    @Test
    void emptyLabelAndMissingColumnNameTheLine() {
        assertEquals("line 2: empty label", assertThrows(IllegalArgumentException.class,
                () -> TrainingData.parse("text,label\nhello,\n")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TrainingData.parse("text,label\nhello,greeting\nbye\n")).getMessage().startsWith("line 3:"));
    }

    @Test
    void invalidUtf8NamesTheLine() {
        byte[] header = "text,label\nhello,greeting\n".getBytes(StandardCharsets.UTF_8);
        byte[] windows1256 = {(byte) 0xD3, (byte) 0xE1, (byte) 0xC7, (byte) 0xE3, ',', 'g', '\n'}; // "سلام" in cp1256
        byte[] bytes = new byte[header.length + windows1256.length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(windows1256, 0, bytes, header.length, windows1256.length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingData.parse(bytes));
        assertTrue(e.getMessage().startsWith("line 3: not UTF-8"), e.getMessage());
        // already decoded leniently: the replacement character gives it away
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.parse("text,label\nhello,greeting\n\uFFFD\uFFFD,g\n"));
        assertTrue(e.getMessage().startsWith("line 3: not UTF-8"), e.getMessage());
    }

    @Test
    void emptyFilesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrainingData.parse(""));
        assertEquals("line 2: no examples after the header",
                assertThrows(IllegalArgumentException.class, () -> TrainingData.parse("text,label\n")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TrainingData.parse("text,label\n\"open,x\n")).getMessage().contains("unterminated"));
    }
}
