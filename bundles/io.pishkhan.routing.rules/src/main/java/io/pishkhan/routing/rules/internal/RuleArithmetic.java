package io.pishkhan.routing.rules.internal;

import java.math.MathContext;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL arithmetic of rule conditions: strict (a {@code null} operand is an error, except with {@code ==} and
 * {@code !=}), and the text operators work on normalized text instead of regular expressions:
 * <ul>
 * <li>{@code text =~ 'word'} and {@code text =~ ['a', 'b']}: the text contains the word (any of them), case and
 * Persian/Arabic letter forms ignored; {@code !~} is its negation;</li>
 * <li>{@code text =^ 'x'} / {@code text =$ 'x'}: starts / ends with, on normalized text.</li>
 * </ul>
 * Regular expressions are refused: a pattern can take exponential time on a crafted message.
 */
public final class RuleArithmetic extends JexlArithmetic {
    public RuleArithmetic() {
        super(true);
    }

    private RuleArithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new RuleArithmetic(strict, context, scale);
    }

    @Override
    public Boolean contains(Object container, Object value) {
        if (container instanceof Pattern) {
            throw new UnsupportedOperationException("regular expressions are not allowed in rules");
        }
        if (container instanceof CharSequence
                || value instanceof CharSequence && (container instanceof List<?> || container instanceof Object[])) {
            return RuleFunctions.containsAny(value, container, false);
        }
        return super.contains(container, value);
    }

    @Override
    public Boolean startsWith(Object left, Object right) {
        if (left instanceof CharSequence && right instanceof CharSequence) {
            return RuleFunctions.normalize(left.toString()).startsWith(RuleFunctions.normalize(right.toString()));
        }
        return super.startsWith(left, right);
    }

    @Override
    public Boolean endsWith(Object left, Object right) {
        if (left instanceof CharSequence && right instanceof CharSequence) {
            return RuleFunctions.normalize(left.toString()).endsWith(RuleFunctions.normalize(right.toString()));
        }
        return super.endsWith(left, right);
    }
}
