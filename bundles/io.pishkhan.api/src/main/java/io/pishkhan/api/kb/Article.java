package io.pishkhan.api.kb;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A knowledge-base article.
 *
 * @param language  {@code fa} or {@code en}
 * @param channels  channels it may be shown on ({@code webchat}, {@code email}...); empty: every channel
 * @param published only published articles are searched by the bot and agent assist
 * @param link      where the customer can read the whole article ({@code null}: none)
 */
public record Article(String id, String title, String body, Set<String> tags, String language, Set<String> channels,
        boolean published, String link, Instant updatedAt, String updatedBy) {
    public Article {
        Objects.requireNonNull(id, "id");
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        channels = channels == null ? Set.of() : Set.copyOf(channels);
    }

    public boolean visibleOn(String channel) {
        return channels.isEmpty() || channel == null || channels.contains(channel);
    }
}
