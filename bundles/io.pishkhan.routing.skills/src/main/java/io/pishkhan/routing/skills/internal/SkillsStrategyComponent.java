package io.pishkhan.routing.skills.internal;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi service of routing strategy {@value SkillsStrategy#ID}: reads configuration {@value #PID} into a
 * {@link SkillsConfig} and delegates to an immutable {@link SkillsStrategy}, replaced whole when the configuration
 * changes (the next decision uses the new settings, no restart).
 *
 * <p>Invalid values do not stop routing: each is logged and replaced by its default (a bad widening step is
 * skipped). Logging lives here, so that {@link SkillsStrategy} itself needs nothing but the api.
 */
@Component(service = RoutingStrategy.class, name = SkillsStrategyComponent.PID,
        configurationPid = SkillsStrategyComponent.PID,
        property = RoutingStrategy.PROP_STRATEGY_ID + "=" + SkillsStrategy.ID)
@Designate(ocd = SkillsRoutingConfig.class)
public class SkillsStrategyComponent implements RoutingStrategy {
    static final String PID = "io.pishkhan.routing.skills";

    private static final Logger LOG = LoggerFactory.getLogger(SkillsStrategyComponent.class);

    private volatile SkillsStrategy strategy;

    @Activate
    public SkillsStrategyComponent(SkillsRoutingConfig config) {
        apply(config, "activated");
    }

    @Modified
    void modified(SkillsRoutingConfig config) {
        apply(config, "reconfigured");
    }

    private void apply(SkillsRoutingConfig config, String what) {
        List<String> problems = new ArrayList<>();
        SkillsConfig next = read(config, problems);
        for (String problem : problems) {
            LOG.warn("{}: {}", PID, problem);
        }
        LOG.info("{} {}: widening {}, tieBreak {}, agingPerMinute {}, agingMax {}, stickyWindowDays {}, "
                + "stickyTimeoutSeconds {}", SkillsStrategy.ID, what,
                next.widening().isEmpty() ? "none" : next.wideningSpec(), next.tieBreak().id(),
                next.agingPerMinute(), next.agingMax(), next.stickyWindowDays(), next.stickyTimeoutSeconds());
        strategy = new SkillsStrategy(next);
    }

    /** Reads the configuration leniently: every invalid value is reported in {@code problems} and defaulted. */
    static SkillsConfig read(SkillsRoutingConfig config, List<String> problems) {
        List<SkillsConfig.Widening> widening = new ArrayList<>();
        String spec = config.widening();
        if (spec != null) {
            for (String part : spec.split(",")) {
                if (!part.isBlank()) {
                    try {
                        widening.add(SkillsConfig.parseStep(part.strip()));
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage() + ", step ignored");
                    }
                }
            }
        }
        SkillsConfig.TieBreak tieBreak = SkillsConfig.TieBreak.LEAST_BUSY;
        try {
            tieBreak = SkillsConfig.TieBreak.of(config.tieBreak());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + ", using least-busy");
        }
        double agingPerMinute = config.agingPerMinute();
        if (!(agingPerMinute >= 0) || Double.isInfinite(agingPerMinute)) {
            problems.add("agingPerMinute must be >= 0, got " + agingPerMinute + ", using "
                    + SkillsConfig.DEFAULT_AGING_PER_MINUTE);
            agingPerMinute = SkillsConfig.DEFAULT_AGING_PER_MINUTE;
        }
        double agingMax = config.agingMax();
        if (!(agingMax >= 0) || Double.isInfinite(agingMax)) {
            problems.add("agingMax must be >= 0 (0: no limit), got " + agingMax + ", using no limit");
            agingMax = 0;
        }
        int windowDays = config.stickyWindowDays();
        if (windowDays < 0) {
            problems.add("stickyWindowDays must be >= 0, got " + windowDays + ", using 0 (not sticky)");
            windowDays = 0;
        }
        int timeoutSeconds = config.stickyTimeoutSeconds();
        if (timeoutSeconds < 0) {
            problems.add("stickyTimeoutSeconds must be >= 0, got " + timeoutSeconds + ", using 0 (no wait)");
            timeoutSeconds = 0;
        }
        return new SkillsConfig(widening, tieBreak, agingPerMinute, agingMax, windowDays, timeoutSeconds);
    }

    /** The strategy the next decision uses. */
    SkillsStrategy strategy() {
        return strategy;
    }

    @Override
    public String id() {
        return SkillsStrategy.ID;
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        return strategy.route(request);
    }

    @Override
    public double priority(Conversation conversation, Queue queue, Instant now) {
        return strategy.priority(conversation, queue, now);
    }
}
