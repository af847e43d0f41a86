package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.ImportResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportTest {
    private static final String HEADER = "title,body,tags,language,channels,published,link\n";

    private static Article byTitle(KnowledgeBaseImpl kb, String title) {
        return kb.articles().stream().filter(a -> a.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void csvWithQuotedCommasQuotesAndMultiLineBodies() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        String csv = HEADER
                + "Opening hours,\"We open at 8, close at 16.\n\nSay \"\"hi\"\".\",hours;time,en,webchat;email,true,https://example.ir/h\r\n"
                + "ساعات کاری,\"شعبه‌ها از ۸ باز هستند،\nتا ۱۶.\",ساعت;زمان,fa,,false,\n";
        ImportResult r = kb.importCsv(csv, "admin");
        assertEquals(List.of(), r.errors());
        assertEquals(2, r.imported());
        Article en = byTitle(kb, "Opening hours");
        assertEquals("We open at 8, close at 16.\n\nSay \"hi\".", en.body());
        assertEquals(Set.of("hours", "time"), en.tags());
        assertEquals(Set.of("webchat", "email"), en.channels());
        assertEquals("https://example.ir/h", en.link());
        assertTrue(en.published());
        assertEquals("admin", en.updatedBy());
        Article fa = byTitle(kb, "ساعات کاری");
        assertFalse(fa.published());
        assertNull(fa.link());
        assertEquals("fa", fa.language());
    }

    @Test
    void csvRowErrorsCarryTheLineWhereTheRowStarts() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        String csv = HEADER
                + "Good,\"two\nlines\",,en,,,\n"                    // lines 2-3
                + ",no title,,en,,,\n"                            // line 4
                + "No body,,,en,,,\n"                             // line 5
                + "Bad language,text,,de,,,\n"                   // line 6
                + "Too few,fields\n"                               // line 7
                + "\n"                                              // line 8: blank, skipped
                + "Bad link,text,,en,,,ftp://x\n"                 // line 9
                + "Bad flag,text,,en,,maybe,\n"                    // line 10
                + "T".repeat(201) + ",text,,en,,,\n"              // line 11
                + "Long body,\"" + "x".repeat(20_001) + "\",,en,,,\n" // line 12
                + "Unclosed,\"never closed,,en,,,\nmore\n";        // line 13
        ImportResult r = kb.importCsv(csv, "admin");
        assertEquals(1, r.imported());
        List<String> e = r.errors();
        assertEquals(9, e.size(), e.toString());
        assertEquals("line 4: title is required", e.get(0));
        assertEquals("line 5: body is required", e.get(1));
        assertTrue(e.get(2).startsWith("line 6: language must be fa or en"), e.get(2));
        assertEquals("line 7: 2 fields, the header has 7", e.get(3));
        assertTrue(e.get(4).startsWith("line 9: link must be an http or https address"), e.get(4));
        assertTrue(e.get(5).startsWith("line 10: published must be true or false"), e.get(5));
        assertTrue(e.get(6).startsWith("line 11: title is longer than 200"), e.get(6));
        assertTrue(e.get(7).startsWith("line 12: body is longer than 20000"), e.get(7));
        assertEquals("line 13: quoted field opened on line 13 is never closed", e.get(8));
    }

    @Test
    void csvHeaderMayReorderAndOmitOptionalColumnsButNotRequiredOnes() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        ImportResult r = kb.importCsv("\uFEFFLanguage,Title,Body\nen,Short,Only the required columns.\n", "admin");
        assertEquals(1, r.imported());
        assertTrue(byTitle(kb, "Short").published());
    }

    @Test
    void badOrMissingHeaderIsRefusedAsAWhole() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> kb.importCsv("Opening hours,We open at 8,,en,,,\n", "admin"));
        assertTrue(unknown.getMessage().startsWith("line 1: the first line must be the header"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> kb.importCsv("title,body,tags\nA,B,C\n", "admin"));
        assertTrue(missing.getMessage().contains("lacks the column 'language'"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kb.importCsv("title,body,language,title\n", "admin"));
        assertThrows(IllegalArgumentException.class, () -> kb.importCsv("", "admin"));
        assertThrows(IllegalArgumentException.class, () -> kb.importCsv(HEADER, null));
        assertTrue(kb.articles().isEmpty());
    }

    @Test
    void reimportReplacesArticlesOfTheSameLanguageAndTitle() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        kb.importCsv(HEADER + "Fees,Old text,,en,,,\n", "admin");
        String id = byTitle(kb, "Fees").id();
        ImportResult r = kb.importCsv(HEADER + "fees,New text,,en,,,\nFees,متن,,fa,,,\n", "editor");
        assertEquals(2, r.imported());
        assertEquals(2, kb.articles().size());
        Article en = kb.article(id).orElseThrow();
        assertEquals("New text", en.body());
        assertEquals("editor", en.updatedBy());
        assertEquals(1, kb.search("new", "en", null, 5).size());
        assertTrue(kb.search("old", "en", null, 5).isEmpty());
    }

    @Test
    void markdownSectionsWithFrontLines() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        String md = "# Lost card\n"
                + "tags: card, lost\n"
                + "channels: webchat\n"
                + "link: https://example.ir/lost\n"
                + "\n"
                + "Call **021-88000000** at once.\n"
                + "\n"
                + "## Replacement\n"
                + "Visit a branch.\n"
                + "```\n# not a heading inside code\n```\n"
                + "# Opening hours #\n"
                + "We open at *8*.\n";
        ImportResult r = kb.importMarkdown(md, "en", "admin");
        assertEquals(List.of(), r.errors());
        assertEquals(2, r.imported());
        Article lost = byTitle(kb, "Lost card");
        assertEquals(Set.of("card", "lost"), lost.tags());
        assertEquals(Set.of("webchat"), lost.channels());
        assertEquals("https://example.ir/lost", lost.link());
        assertEquals("Call **021-88000000** at once.\n\n## Replacement\nVisit a branch.\n```\n# not a heading inside code\n```",
                lost.body());
        assertEquals("We open at *8*.", byTitle(kb, "Opening hours").body());
        assertEquals("Call 021-88000000 at once.", kb.search("call", "en", "webchat", 1).get(0).text().lines().findFirst().orElseThrow());
    }

    @Test
    void markdownErrorsNameTheHeadingLine() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        String md = "Some preface\n"                     // line 1
                + "# کارت\n"                             // line 2
                + "tags: کارت، گم شده\n"                // line 3
                + "متن مقاله\n"                          // line 4
                + "# بدون متن\n"                         // line 5
                + "\n"                                   // line 6
                + "# پیوند بد\n"                         // line 7
                + "link: not a link\n"                   // line 8
                + "متن\n";
        ImportResult r = kb.importMarkdown(md, "fa", "admin");
        assertEquals(1, r.imported());
        assertEquals(Set.of("کارت", "گم شده"), byTitle(kb, "کارت").tags());
        assertEquals(3, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).startsWith("line 1: text before the first"), r.errors().get(0));
        assertEquals("line 5: body is required", r.errors().get(1));
        assertTrue(r.errors().get(2).startsWith("line 7: link is not a valid address"), r.errors().get(2));
    }

    @Test
    void markdownRefusesBadLanguageAndTextWithoutHeadings() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        assertThrows(IllegalArgumentException.class, () -> kb.importMarkdown("# A\nb", "de", "admin"));
        assertThrows(IllegalArgumentException.class, () -> kb.importMarkdown("# A\nb", null, "admin"));
        assertThrows(IllegalArgumentException.class, () -> kb.importMarkdown("no heading here", "en", "admin"));
        assertThrows(IllegalArgumentException.class, () -> kb.importMarkdown(" ", "en", "admin"));
    }
}
