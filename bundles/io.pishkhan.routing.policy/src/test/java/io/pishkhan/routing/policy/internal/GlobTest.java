package io.pishkhan.routing.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource({
        "98912*, 989121234567, true",
        "98912*, 98912, true",
        "98912*, 98935, false",
        "*@spam.example, a@spam.example, true",
        "*@spam.example, a@spam.example.org, false",
        "bot-*-x, bot-1-x, true",
        "bot-*-x, bot--x, true",
        "bot-*-x, bot-x, false",
        "a*a, a, false",
        "a*a, aa, true",
        "*spam*, myspamaddress, true",
        "*spam*, mysp-am, false",
        "a*b*c, a1b2c, true",
        "a*b*c, a1c2b, false",
        "a*b*c, abcbc, true",
    })
    void matches(String pattern, String value, boolean expected) {
        assertEquals(expected, new Glob(pattern).matches(value));
    }
}
