package io.pishkhan.analytics.messagecount.internal;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;

/**
 * Analytics processor {@value #ID}: counts conversation events in total, by type, by channel, and counts the
 * messages received (events of type {@link EventType#RECEIVED}) per channel.
 *
 * <p>Counting is lock-free ({@link LongAdder}), so {@link #onEvent} is cheap on any thread. Counters live in memory
 * and start from zero when the component starts. A snapshot taken while events arrive may be a few events out of
 * step between its figures; each figure is exact once events stop.
 */
@Component(service = AnalyticsProcessor.class,
        property = AnalyticsProcessor.PROP_PROCESSOR_ID + "=" + MessageCountProcessor.ID)
public class MessageCountProcessor implements AnalyticsProcessor {
    static final String ID = "message-count";

    /** Channel key for events that carry no channel. */
    static final String UNKNOWN_CHANNEL = "unknown";

    private final LongAdder total = new LongAdder();
    private final Map<EventType, LongAdder> byType = new EnumMap<>(EventType.class);
    private final ConcurrentMap<String, LongAdder> byChannel = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> receivedByChannel = new ConcurrentHashMap<>();

    public MessageCountProcessor() {
        // filled once, read-only afterwards: safe to share between threads
        for (EventType type : EventType.values()) {
            byType.put(type, new LongAdder());
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void onEvent(ConversationEvent event) {
        if (event == null) {
            return;
        }
        String channel = channelKey(event.channel());
        total.increment();
        byType.get(event.type()).increment();
        byChannel.computeIfAbsent(channel, c -> new LongAdder()).increment();
        if (event.type() == EventType.RECEIVED) {
            receivedByChannel.computeIfAbsent(channel, c -> new LongAdder()).increment();
        }
    }

    /**
     * {@code {"total": n, "received": n, "byType": {"RECEIVED": n, ...every type...}, "byChannel": {...},
     * "receivedByChannel": {...}}}; counts are {@link Long}, channel maps are sorted by channel.
     */
    @Override
    public Map<String, Object> snapshot() {
        Map<String, Long> types = new LinkedHashMap<>();
        byType.forEach((type, count) -> types.put(type.name(), count.sum()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", total.sum());
        result.put("received", types.get(EventType.RECEIVED.name()));
        result.put("byType", types);
        result.put("byChannel", sums(byChannel));
        result.put("receivedByChannel", sums(receivedByChannel));
        return result;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((key, count) -> sums.put(key, count.sum()));
        return sums;
    }

    private static String channelKey(String channel) {
        return channel == null || channel.isBlank() ? UNKNOWN_CHANNEL : channel.strip().toLowerCase(Locale.ROOT);
    }
}
