package io.pishkhan.kb.internal;

import io.pishkhan.api.kb.Article;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation and clean-up of an article before it is stored; every refusal is an IllegalArgumentException. */
final class ArticleRules {
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    static final int MAX_LINK = 500;
    static final Set<String> LANGUAGES = Set.of("fa", "en");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ArticleRules() {
    }

    /** The article trimmed and checked; {@code id} may be blank (the caller assigns one). */
    static Article clean(Article a) {
        if (a == null) {
            throw new IllegalArgumentException("article is required");
        }
        String id = a.id().strip();
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 64 letters, digits, '.', '_' or '-': " + id);
        }
        String title = a.title() == null ? "" : SPACES.matcher(a.title()).replaceAll(" ").strip();
        if (title.isEmpty()) {
            throw new IllegalArgumentException("title is required");
        }
        if (title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("title is longer than " + MAX_TITLE + " characters (" + title.length() + ")");
        }
        String body = a.body() == null ? "" : a.body().replace("\r\n", "\n").strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("body is required");
        }
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException("body is longer than " + MAX_BODY + " characters (" + body.length() + ")");
        }
        String language = language(a.language());
        Set<String> tags = new LinkedHashSet<>();
        for (String t : a.tags()) {
            String tag = t == null ? "" : SPACES.matcher(t).replaceAll(" ").strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG) {
                throw new IllegalArgumentException("tag longer than " + MAX_TAG + " characters: " + tag);
            }
            tags.add(tag);
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("more than " + MAX_TAGS + " tags (" + tags.size() + ")");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String c : a.channels()) {
            String channel = c == null ? "" : c.strip().toLowerCase(Locale.ROOT);
            if (channel.isEmpty()) {
                continue;
            }
            if (!CHANNEL.matcher(channel).matches()) {
                throw new IllegalArgumentException("not a channel id: " + c);
            }
            channels.add(channel);
        }
        return new Article(id, title, body, tags, language, channels, a.published(), link(a.link()), a.updatedAt(),
                a.updatedBy());
    }

    static String language(String language) {
        String l = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(l)) {
            throw new IllegalArgumentException("language must be fa or en: " + (language == null ? "missing" : language));
        }
        return l;
    }

    static String link(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        String l = link.strip();
        if (l.length() > MAX_LINK) {
            throw new IllegalArgumentException("link is longer than " + MAX_LINK + " characters");
        }
        try {
            URI uri = new URI(l);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("link must be an http or https address: " + l);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("link is not a valid address: " + l, e);
        }
        return l;
    }

    /** Title as compared for imports (an import replaces the article of the same language and title). */
    static String titleKey(String language, String title) {
        return language + "|" + SPACES.matcher(title).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }
}
