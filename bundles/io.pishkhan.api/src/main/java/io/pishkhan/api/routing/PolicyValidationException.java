package io.pishkhan.api.routing;

import java.util.List;

/**
 * An admin change to a routing policy (business-hours schedule, blacklist entry) was refused; nothing was saved.
 * Each problem is a sentence an admin can act on, e.g. {@code Saturday: 17:00-09:00 ends before it starts}.
 */
public class PolicyValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public PolicyValidationException(List<String> problems) {
        super(problems.isEmpty() ? "invalid" : String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
