package io.pishkhan.routing.skills.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.routing.skills.internal.SkillsConfig.TieBreak;
import io.pishkhan.routing.skills.internal.SkillsConfig.Widening;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillsConfigTest {
    @Test
    void defaultsAreDocumentedOnes() {
        SkillsConfig c = SkillsConfig.defaults();
        assertEquals(List.of(new Widening(30, 1), new Widening(60, 2), new Widening(120, 10)), c.widening());
        assertEquals("30:1,60:2,120:10", c.wideningSpec());
        assertEquals(TieBreak.LEAST_BUSY, c.tieBreak());
        assertEquals(1.0, c.agingPerMinute());
        assertEquals(0.0, c.agingMax());
        assertEquals(30, c.stickyWindowDays());
        assertEquals(20, c.stickyTimeoutSeconds());
        assertEquals(c, new SkillsStrategy().config());
    }

    @Test
    void wideningIsParsedAndSortedByTime() {
        assertEquals(List.of(new Widening(10, 3), new Widening(60, 1)),
                SkillsConfig.defaults().withWidening(" 60:1 , 10 : 3 ,").widening());
        assertTrue(SkillsConfig.parseWidening(" ").isEmpty());
        assertTrue(SkillsConfig.parseWidening(null).isEmpty());
    }

    @Test
    void malformedWideningIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SkillsConfig.parseWidening("30"));
        assertThrows(IllegalArgumentException.class, () -> SkillsConfig.parseWidening("30:x"));
        assertThrows(IllegalArgumentException.class, () -> SkillsConfig.parseWidening("-1:1"));
        assertThrows(IllegalArgumentException.class, () -> SkillsConfig.parseWidening("30:0"));
    }

    @Test
    void tieBreakIdsAreLenientAboutCaseAndUnderscore() {
        assertEquals(TieBreak.LONGEST_IDLE, TieBreak.of("Longest_Idle"));
        assertEquals(TieBreak.LEAST_BUSY, TieBreak.of(" least-busy "));
        assertThrows(IllegalArgumentException.class, () -> TieBreak.of("random"));
    }

    @Test
    void invalidNumbersAreRejected() {
        SkillsConfig d = SkillsConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withAging(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withAging(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withAging(1, -1));
        assertThrows(IllegalArgumentException.class, () -> d.withSticky(-1, 20));
        assertThrows(IllegalArgumentException.class, () -> d.withSticky(30, -1));
    }
}
