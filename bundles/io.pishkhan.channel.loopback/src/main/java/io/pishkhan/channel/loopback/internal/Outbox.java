package io.pishkhan.channel.loopback.internal;

import io.pishkhan.api.channel.OutboundMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bounded in-memory store of delivered replies per address, each numbered by a global sequence. */
final class Outbox {
    /** One delivered reply. */
    record Entry(long seq, OutboundMessage message, Instant deliveredAt) {
    }

    private final Map<String, Deque<Entry>> byAddress;
    private volatile int perAddress;
    private long seq;

    Outbox(int perAddress, int maxAddresses) {
        this.perAddress = perAddress;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Entry>> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    void resize(int newPerAddress) {
        this.perAddress = newPerAddress;
    }

    synchronized Entry add(OutboundMessage m, Instant at) {
        Deque<Entry> q = byAddress.computeIfAbsent(m.address(), a -> new ArrayDeque<>());
        Entry e = new Entry(++seq, m, at);
        q.addLast(e);
        while (q.size() > perAddress) {
            q.removeFirst();
        }
        return e;
    }

    /** Replies to {@code address} with a sequence number above {@code after}, oldest first. */
    synchronized List<Entry> after(String address, long after) {
        Deque<Entry> q = byAddress.get(address);
        List<Entry> out = new ArrayList<>();
        if (q != null) {
            for (Entry e : q) {
                if (e.seq() > after) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
