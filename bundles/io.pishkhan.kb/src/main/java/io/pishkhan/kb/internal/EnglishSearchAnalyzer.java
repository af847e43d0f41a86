package io.pishkhan.kb.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis for the knowledge base: {@link StandardTokenizer}, {@link EnglishPossessiveFilter}, lower case,
 * {@link DecimalDigitFilter} (Persian digits typed in an English question), stop words (Lucene's English list plus
 * the pronouns and question words of customer queries), {@link PorterStemFilter}.
 */
final class EnglishSearchAnalyzer extends Analyzer {
    private static final String[] EXTRA_STOP_WORDS = {"i", "me", "my", "you", "your", "we", "our", "how", "what",
        "when", "where", "which", "who", "why", "can", "could", "do", "does", "did", "should", "would", "please",
        "hello", "hi", "thanks", "want", "need", "have", "has", "am", "from", "about", "get"};

    private static final CharArraySet STOP_WORDS = stopWords();

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new DecimalDigitFilter(result);
        result = new StopFilter(result, STOP_WORDS);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new DecimalDigitFilter(new LowerCaseFilter(in));
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        for (String w : EXTRA_STOP_WORDS) {
            set.add(w);
        }
        return CharArraySet.unmodifiableSet(set);
    }
}
