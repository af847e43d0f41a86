package io.pishkhan.routing.skills.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingRequest;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkillsStrategyComponentTest {
    /** What DS passes for a configuration with these values. */
    static SkillsRoutingConfig config(String widening, String tieBreak, double agingPerMinute, double agingMax,
            int stickyWindowDays, int stickyTimeoutSeconds) {
        return new SkillsRoutingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SkillsRoutingConfig.class;
            }

            @Override
            public String widening() {
                return widening;
            }

            @Override
            public String tieBreak() {
                return tieBreak;
            }

            @Override
            public double agingPerMinute() {
                return agingPerMinute;
            }

            @Override
            public double agingMax() {
                return agingMax;
            }

            @Override
            public int stickyWindowDays() {
                return stickyWindowDays;
            }

            @Override
            public int stickyTimeoutSeconds() {
                return stickyTimeoutSeconds;
            }
        };
    }

    @Test
    void validConfigurationIsReadAsIs() {
        List<String> problems = new ArrayList<>();
        SkillsConfig c = SkillsStrategyComponent.read(config("10:2,40:5", "longest-idle", 0.5, 30, 7, 15), problems);
        assertEquals(List.of(), problems);
        assertEquals(new SkillsConfig(SkillsConfig.parseWidening("10:2,40:5"), SkillsConfig.TieBreak.LONGEST_IDLE,
                0.5, 30, 7, 15), c);
    }

    @Test
    void invalidValuesAreReportedAndDefaulted() {
        List<String> problems = new ArrayList<>();
        SkillsConfig c = SkillsStrategyComponent.read(config("30:1,oops,60:x,90:3", "fastest", -2, -1, -3, -4),
                problems);
        assertEquals(7, problems.size(), problems.toString());
        assertEquals("30:1,90:3", c.wideningSpec());
        assertEquals(SkillsConfig.TieBreak.LEAST_BUSY, c.tieBreak());
        assertEquals(1.0, c.agingPerMinute());
        assertEquals(0.0, c.agingMax());
        assertEquals(0, c.stickyWindowDays());
        assertEquals(0, c.stickyTimeoutSeconds());
        assertTrue(problems.get(0).contains("oops"), problems.toString());
    }

    @Test
    void modifiedConfigurationAppliesToTheNextDecision() {
        SkillsStrategyComponent component = new SkillsStrategyComponent(config("30:1", "least-busy", 1, 0, 30, 20));
        assertEquals(SkillsStrategy.ID, component.id());
        AgentLoad level4 = SkillsStrategyTest.load("bita", 0, 4, null, Map.of("cards", 4));
        Conversation c = SkillsStrategyTest.conversation("c1", "cards:5", 0, SkillsStrategyTest.T0);
        RoutingRequest at20s = new RoutingRequest(c, SkillsStrategyTest.QUEUE, List.of(level4),
                SkillsStrategyTest.T0.plusSeconds(20), null, null);
        assertTrue(component.route(at20s).agent().isEmpty());
        assertEquals(10.0 + 1.0 / 3, component.priority(c, SkillsStrategyTest.QUEUE,
                SkillsStrategyTest.T0.plusSeconds(20)), 1e-9);

        SkillsStrategy before = component.strategy();
        component.modified(config("10:1", "least-busy", 0, 0, 30, 20));
        assertNotSame(before, component.strategy());
        assertEquals("bita", component.route(at20s).agentId());
        assertEquals(10.0, component.priority(c, SkillsStrategyTest.QUEUE, SkillsStrategyTest.T0.plusSeconds(20)));
    }
}
