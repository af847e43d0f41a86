package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownTextTest {
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "# Title => Title",
        "### Sub ### => Sub",
        "**bold** and __strong__ => bold and strong",
        "*em* and _em_ => em and em",
        "snake_case_name stays => snake_case_name stays",
        "2 * 3 * 4 => 2 * 3 * 4",
        "[link text](https://x.ir/a) => link text",
        "![alt text](img.png) => alt text",
        "`code` here => code here",
        "> quoted => quoted",
        "- item => item",
        "12. numbered => numbered",
        "<b>html</b> &amp; more => html & more",
        "~~gone~~ kept => gone kept",
        "\\*not emphasis\\* => *not emphasis*",
        "| a | b |\\n|---|---|\\n| 1 | 2 | => a - b\\n\\n1 - 2",
        "**کارت‌ها ← مسدودسازی** => کارت‌ها ← مسدودسازی",
        "para one\\n\\n\\n\\npara two => para one\\n\\npara two",
        "```\\ncode block\\n``` => code block",
    })
    void stripsMarkup(String markdown, String plain) {
        String actual = MarkdownText.toPlain(markdown.replace("\\n", "\n"));
        assertEquals(plain.replace("\\n", "\n"), actual, () -> markdown.codePoints().mapToObj(Integer::toHexString).toList()
                + " -> " + actual.codePoints().mapToObj(Integer::toHexString).toList());
    }
}
