package io.pishkhan.kb.internal;

import java.io.IOException;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Joins the Persian verb prefixes {@code می}/{@code نمی} to the next word and the plural and comparative suffixes
 * ({@code ها}, {@code های}, {@code تر}, {@code ترین}, {@code ام}...) to the previous word, so that the three ways
 * people write them give one term: with a zero-width non-joiner ({@code می‌شود}, which {@code PersianCharFilter}
 * has turned into a space), with a space ({@code می شود}) and with nothing ({@code میشود}).
 *
 * <p>Runs after the Arabic and Persian normalization filters: the affix lists are compared in normalized form
 * (see {@link PersianSearchAnalyzer#normalized(String)}).
 */
final class PersianAffixJoinFilter extends TokenFilter {
    private final Set<String> prefixes;
    private final Set<String> suffixes;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);

    /** A token read ahead that did not join, returned on the next call. */
    private AttributeSource.State pending;

    PersianAffixJoinFilter(TokenStream input, Set<String> prefixes, Set<String> suffixes) {
        super(input);
        this.prefixes = prefixes;
        this.suffixes = suffixes;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending != null) {
            restoreState(pending);
            pending = null;
        } else if (!input.incrementToken()) {
            return false;
        }
        StringBuilder joined = new StringBuilder().append(term);
        int start = offset.startOffset();
        int end = offset.endOffset();
        int increment = posInc.getPositionIncrement();
        boolean prefixOpen = prefixes.contains(joined.toString());
        while (input.incrementToken()) {
            String next = term.toString();
            boolean adjacent = posInc.getPositionIncrement() == 1;
            if (adjacent && (prefixOpen || suffixes.contains(next))) {
                joined.append(next);
                end = offset.endOffset();
                prefixOpen = false;
                continue;
            }
            pending = captureState();
            break;
        }
        // the attributes may hold the read-ahead token: write the joined one back
        clearAttributes();
        term.setEmpty().append(joined);
        offset.setOffset(start, end);
        posInc.setPositionIncrement(increment);
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
    }
}
