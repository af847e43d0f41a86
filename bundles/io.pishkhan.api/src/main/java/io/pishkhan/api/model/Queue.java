package io.pishkhan.api.model;

/**
 * A queue conversations wait in for an agent.
 *
 * @param priority       higher is served first (0-100 by convention)
 * @param strategy       id of the routing strategy for this queue ({@code null}: the appliance default)
 * @param slaPercent     service-level target: this share of conversations ...
 * @param slaSeconds     ... answered within this many seconds (e.g. 80 % in 20 s)
 * @param fallbackQueue  where a conversation goes when a routing rule fails for it ({@code null}: stays here)
 * @param businessHours  id of the business-hours schedule ({@code null}: always open)
 */
public record Queue(String id, String name, int priority, String strategy, int slaPercent, int slaSeconds,
        String fallbackQueue, String businessHours) {
    public Queue {
        id = Identity.requireText(id, "id");
        name = name == null || name.isBlank() ? id : name;
        strategy = blankToNull(strategy);
        fallbackQueue = blankToNull(fallbackQueue);
        businessHours = blankToNull(businessHours);
        if (slaPercent < 0 || slaPercent > 100) {
            throw new IllegalArgumentException("slaPercent must be 0-100");
        }
        if (slaSeconds < 0) {
            throw new IllegalArgumentException("slaSeconds must be >= 0");
        }
    }

    /** A queue with the default strategy, a service level of 80 % in 20 s, no fallback and no business hours. */
    public Queue(String id, String name, int priority) {
        this(id, name, priority, null, 80, 20, null, null);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
