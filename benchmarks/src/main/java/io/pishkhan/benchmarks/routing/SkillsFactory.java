package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.routing.RoutingStrategy;
import io.pishkhan.routing.skills.internal.SkillsConfig;
import io.pishkhan.routing.skills.internal.SkillsStrategy;

/** The skills strategy (bundle io.pishkhan.routing.skills) with its default configuration, widening overridable. */
final class SkillsFactory {
    private SkillsFactory() {
    }

    /** @param widening {@code seconds:levels,...}; {@code none} or blank: no widening; null: the default */
    static RoutingStrategy create(String widening) {
        SkillsConfig config = SkillsConfig.defaults();
        if (widening != null) {
            config = config.withWidening(widening.equals("none") ? "" : widening);
        }
        return new SkillsStrategy(config);
    }

    static String describe(String widening) {
        return widening == null ? SkillsConfig.defaults().wideningSpec() : widening;
    }
}
