package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("plain", CsvWriter.field("plain"));
        assertEquals("\"a,b\"", CsvWriter.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.field("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvWriter.field("two\nlines"));
        assertEquals("\"cr\rhere\"", CsvWriter.field("cr\rhere"));
        assertEquals("صف پرداخت", CsvWriter.field("صف پرداخت"), "Persian is not quoted or escaped");
        assertEquals("", CsvWriter.field(null));
        assertEquals("", CsvWriter.field(""));
    }

    @Test
    void writesNumbersPlainly() {
        assertEquals("12", CsvWriter.field(12L));
        assertEquals("-3", CsvWriter.field(-3));
        assertEquals("0.75", CsvWriter.field(0.75));
        assertEquals("0.0001", CsvWriter.field(0.0001));
        assertEquals("1200000", CsvWriter.field(1.2e6));
        assertEquals("640", CsvWriter.field(640.0));
        assertEquals("0", CsvWriter.field(0.0));
        assertEquals("-0.4", CsvWriter.field(-0.4), "a negative number is not a formula");
        assertEquals("", CsvWriter.field(Double.NaN));
        assertEquals("", CsvWriter.field(Double.POSITIVE_INFINITY));
        assertEquals("1.50", CsvWriter.field(new BigDecimal("1.50")));
    }

    @Test
    void neutralisesFormulas() {
        assertEquals("'=1+1", CsvWriter.field("=1+1"));
        assertEquals("'+98 912", CsvWriter.field("+98 912"));
        assertEquals("'-x", CsvWriter.field("-x"));
        assertEquals("'@SUM(A1)", CsvWriter.field("@SUM(A1)"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvWriter.field("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("a=b", CsvWriter.field("a=b"));
    }

    @Test
    void rowsEndWithCrlf() throws IOException {
        StringWriter out = new StringWriter();
        new CsvWriter(out).row("a", 1, null, "b,c").row(List.of("x")).flush();
        assertEquals("a,1,,\"b,c\"\r\nx\r\n", out.toString());
    }

    @Test
    void utf8StartsWithTheByteOrderMark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = CsvWriter.utf8(bytes);
        csv.row("صف").flush();
        byte[] b = bytes.toByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(b, 3));
        assertEquals("صف\r\n", new String(b, 3, b.length - 3, StandardCharsets.UTF_8));
    }
}
