package io.pishkhan.api.routing;

import java.util.List;

/** A rule set draft was refused: syntax or reference errors, each with its line. */
public class RuleSetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super(problems.isEmpty() ? "invalid rule set" : "invalid rule set: " + problems.get(0)
                + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
