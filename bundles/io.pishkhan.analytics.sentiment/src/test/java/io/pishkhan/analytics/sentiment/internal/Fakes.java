package io.pishkhan.analytics.sentiment.internal;

import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.SentimentScore;
import io.pishkhan.api.nlu.SentimentService;
import io.pishkhan.api.nlu.TrainingJob;
import io.pishkhan.api.store.ConversationStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Hand-written fakes of the services the processor uses. */
final class Fakes {
    private Fakes() {
    }

    /** One {@link ConversationService#annotate} call. */
    record Annotation(String conversationId, Map<String, String> context, EventType type, Map<String, String> data) {
    }

    /** Conversations and messages in memory; {@code annotate} merges the context like the core does. */
    static final class World {
        final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
        final Map<String, List<Message>> messages = new ConcurrentHashMap<>();
        final List<Annotation> annotations = new CopyOnWriteArrayList<>();
        volatile RuntimeException annotateFailure;
        private int seq;

        synchronized Message add(String conversationId, SenderType sender, String text) {
            conversations.computeIfAbsent(conversationId, id -> new Conversation(id, "cust-" + id, "webchat", "a",
                    ConversationState.ASSIGNED, "billing", "alice", null, Map.of(), Instant.EPOCH, Instant.EPOCH));
            Direction d = sender == SenderType.CUSTOMER ? Direction.INBOUND : Direction.OUTBOUND;
            Message m = new Message("m" + (++seq), conversationId, d, sender, sender.name().toLowerCase(), text, null,
                    Instant.EPOCH);
            messages.computeIfAbsent(conversationId, k -> new CopyOnWriteArrayList<>()).add(m);
            return m;
        }

        List<Annotation> of(EventType type) {
            return annotations.stream().filter(a -> a.type() == type).toList();
        }

        ConversationStore store() {
            return (ConversationStore) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {ConversationStore.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "messages" -> List.copyOf(messages.getOrDefault((String) args[0], List.of()));
                        case "recentMessages" -> {
                            List<Message> all = messages.getOrDefault((String) args[0], List.of());
                            int limit = (Integer) args[1];
                            yield List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
                        }
                        case "conversation" -> Optional.ofNullable(conversations.get((String) args[0]));
                        case "toString" -> "fake store";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        ConversationService service() {
            return (ConversationService) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {ConversationService.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "annotate" -> annotate((String) args[0], cast(args[1]), (EventType) args[2],
                                cast(args[3]));
                        case "toString" -> "fake conversations";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @SuppressWarnings("unchecked")
        private static Map<String, String> cast(Object o) {
            return (Map<String, String>) o;
        }

        private Optional<Conversation> annotate(String id, Map<String, String> changes, EventType type,
                Map<String, String> data) {
            if (annotateFailure != null) {
                throw annotateFailure;
            }
            Conversation c = conversations.get(id);
            if (c == null) {
                return Optional.empty();
            }
            Map<String, String> ctx = new HashMap<>(c.context());
            changes.forEach((k, v) -> {
                if (v == null || v.isBlank()) {
                    ctx.remove(k);
                } else {
                    ctx.put(k, v);
                }
            });
            Conversation next = c.withIntent(c.intent(), ctx, c.updatedAt());
            conversations.put(id, next);
            annotations.add(new Annotation(id, Map.copyOf(changes), type, data == null ? Map.of() : Map.copyOf(data)));
            return Optional.of(next);
        }
    }

    /** Scores texts from a table ("text" -> score); label by sign; optionally blocks until released. */
    static final class Sentiment implements SentimentService {
        final Map<String, Double> scores = new ConcurrentHashMap<>();
        final List<String> scored = new CopyOnWriteArrayList<>();
        volatile int modelVersion = 3;
        volatile CountDownLatch gate;
        final CountDownLatch entered = new CountDownLatch(1);

        Sentiment put(String text, double score) {
            scores.put(text, score);
            return this;
        }

        @Override
        public SentimentScore score(String text, String language) {
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            scored.add(text);
            if (modelVersion == 0) {
                return new SentimentScore(0, null, 0, 0);
            }
            double s = scores.getOrDefault(text, 0.0);
            return new SentimentScore(s, s < 0 ? "negative" : "positive", 0.9, modelVersion);
        }

        @Override
        public TrainingJob train(String language, String csv, String author, String comment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<TrainingJob> job(String id) {
            return Optional.empty();
        }

        @Override
        public List<IntentModelInfo> models(String language) {
            return new ArrayList<>();
        }

        @Override
        public IntentModelInfo activate(String language, int version, String actor) {
            throw new UnsupportedOperationException();
        }
    }
}
