package io.pishkhan.api.routing;

/** An error in a rule set draft, with the 1-based line (and column, 0 if unknown) it was found on. */
public record RuleProblem(int line, int column, String message) {
    @Override
    public String toString() {
        return "line " + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
