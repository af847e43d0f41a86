package io.pishkhan.kb.internal;

import java.io.Reader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianCharFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianNormalizer;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Persian analysis for the knowledge base:
 * <ol>
 * <li>{@link PersianCharFilter}: zero-width non-joiner (nim-fasele) to space;</li>
 * <li>{@link StandardTokenizer} (UAX#29 words, also Latin words and numbers in Persian text);</li>
 * <li>lower case (Latin words), {@link DecimalDigitFilter} (Persian and Arabic-Indic digits to ASCII);</li>
 * <li>{@link ArabicNormalizationFilter} (alef variants, teh marbuta, dotless yeh, tatweel, diacritics) and
 * {@link PersianNormalizationFilter} (Persian yeh/Arabic yeh, keheh/kaf, heh variants, hamza above);</li>
 * <li>{@link PersianAffixJoinFilter}: {@code می شود}, {@code می‌شود} and {@code میشود} become one term,
 * likewise {@code کارت ها}/{@code کارت‌ها}/{@code کارتها};</li>
 * <li>stop words: Lucene's Persian list (normalized form) plus a few question words of customer queries;</li>
 * <li>{@link PersianStemFilter}: light suffix stemmer (plural {@code ها}/{@code ان}/{@code ات}, {@code ی},
 * {@code تر}/{@code ترین}), so {@code کارت‌ها} finds {@code کارت}.</li>
 * </ol>
 */
final class PersianSearchAnalyzer extends Analyzer {
    /** Verb prefixes joined to the next word (raw form, normalized at class load). */
    static final Set<String> PREFIXES = normalizedSet("می", "نمی");
    /** Suffixes joined to the previous word (raw form, normalized at class load). */
    static final Set<String> SUFFIXES = normalizedSet("ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان",
            "هایتان", "هایشان", "تر", "ترین", "ام", "ای", "اند", "ایم", "اید");

    /** Customer question words not in Lucene's list (raw form). */
    private static final String[] EXTRA_STOP_WORDS = {"چطوری", "چجوری", "چگونه", "چطور", "چیه", "چی", "کنم",
        "کنیم", "خواهشا", "لطفا", "سلام", "ممنون", "باید", "برای", "آیا", "چرا", "است", "هست",
        "را", "رو", "که", "یک", "یه", "من", "شما", "ما", "شده", "بکنم", "دارم", "هستم",
        // joined forms (PersianAffixJoinFilter runs first) of the modal verbs of questions
        "میشه", "میشود", "نمیشود", "نمیشه", "میتوانم", "میتونم", "میتوانیم", "میتوانید", "نمیتوانم", "نمیتونم",
        "میخواهم", "میخواهیم", "میخواستم", "میخوام", "میخواستیم", "میکنم", "بفرمایید"};

    private static final CharArraySet STOP_WORDS = stopWords();

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new LowerCaseFilter(source);
        result = new DecimalDigitFilter(result);
        result = new ArabicNormalizationFilter(result);
        result = new PersianNormalizationFilter(result);
        result = new PersianAffixJoinFilter(result, PREFIXES, SUFFIXES);
        result = new StopFilter(result, STOP_WORDS);
        result = new PersianStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        TokenStream result = new LowerCaseFilter(in);
        result = new DecimalDigitFilter(result);
        result = new ArabicNormalizationFilter(result);
        return new PersianNormalizationFilter(result);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new PersianCharFilter(reader);
    }

    /** A word as the normalization filters leave it (Arabic yeh and kaf, no diacritics, no tatweel). */
    static String normalized(String word) {
        char[] buf = word.toCharArray();
        int len = new ArabicNormalizer().normalize(buf, buf.length);
        len = new PersianNormalizer().normalize(buf, len);
        return new String(buf, 0, len);
    }

    private static Set<String> normalizedSet(String... words) {
        return Stream.of(words).map(PersianSearchAnalyzer::normalized).collect(Collectors.toUnmodifiableSet());
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(PersianAnalyzer.getDefaultStopSet(), false);
        for (String w : EXTRA_STOP_WORDS) {
            set.add(normalized(w));
        }
        return CharArraySet.unmodifiableSet(set);
    }
}
