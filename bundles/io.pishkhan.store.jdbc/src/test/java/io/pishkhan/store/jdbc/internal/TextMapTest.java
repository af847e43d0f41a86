package io.pishkhan.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextMapTest {
    @Test
    void roundTripsAnyStrings() {
        Map<String, String> map = Map.of("tier", "vip", "a=b", "c=d", "multi", "line 1\nline 2\r\n",
                "back\\slash", "\\n literally", "empty", "", "fa", "سلام");
        assertEquals(map, TextMap.decode(TextMap.encode(map)));
    }

    @Test
    void isReadableAndSorted() {
        assertEquals("a=1\nb=x=y\n", TextMap.encode(Map.of("b", "x=y", "a", "1")));
    }

    @Test
    void emptyIsNull() {
        assertNull(TextMap.encode(Map.of()));
        assertEquals(Map.of(), TextMap.decode(null));
    }
}
