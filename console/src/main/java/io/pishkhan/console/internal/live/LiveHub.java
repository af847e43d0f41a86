package io.pishkhan.console.internal.live;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.model.Conversation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the core's conversation callbacks out to the open console UIs. The core's pipeline thread only queues the
 * callback; one hub thread then finds the subscriptions interested in the conversation (an agent's own
 * conversations, the one he has open, or everything for a supervisor) and hands the call to each UI with
 * {@link UI#access}, which runs it under the session lock and pushes the changes to the browser.
 */
public final class LiveHub {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

    /** A UI that wants conversation callbacks for the conversations its filter accepts. */
    public final class Subscription implements AutoCloseable {
        private final UI ui;
        private final Predicate<Conversation> filter;
        private final ConversationListener listener;

        private Subscription(UI ui, Predicate<Conversation> filter, ConversationListener listener) {
            this.ui = ui;
            this.filter = filter;
            this.listener = listener;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(daemon("pishkhan-console-live"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            daemon("pishkhan-console-timer"));

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Subscribes a UI. The filter runs on the hub thread (keep its state thread-safe); the listener runs inside
     * {@code ui.access}. Close the subscription on detach.
     */
    public Subscription subscribe(UI ui, Predicate<Conversation> filter, ConversationListener listener) {
        Subscription s = new Subscription(ui, filter, listener);
        subscriptions.add(s);
        return s;
    }

    /** Queues one callback for every interested UI; returns at once. */
    public void publish(Consumer<ConversationListener> call, Conversation conversation) {
        try {
            dispatcher.execute(() -> {
                for (Subscription s : subscriptions) {
                    try {
                        if (conversation == null || s.filter.test(conversation)) {
                            access(s.ui, () -> call.accept(s.listener));
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Console live update failed", e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // hub closed: the console is going away
        }
    }

    /** Runs a task every period in the UI (e.g. the supervisor's 1 s refresh); cancel the future on detach. */
    public ScheduledFuture<?> every(UI ui, long periodMillis, Runnable task) {
        return timer.scheduleAtFixedRate(() -> access(ui, task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code work} once after {@code delayMillis} on the hub's timer thread, outside any UI lock (e.g. a query),
     * then hands its result to {@code apply} inside {@code ui.access}. A failing query is logged and skipped.
     */
    public <T> ScheduledFuture<?> later(UI ui, long delayMillis, java.util.function.Supplier<T> work,
            Consumer<T> apply) {
        try {
            return timer.schedule(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    LOG.warn("Console background query failed: {}", e.toString());
                    return;
                }
                access(ui, () -> apply.accept(result));
            }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private static void access(UI ui, Runnable task) {
        try {
            ui.access(task::run);
        } catch (UIDetachedException | IllegalStateException e) {
            // the UI or its session is gone; its detach listener removes the subscription
        }
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public void close() {
        subscriptions.clear();
        dispatcher.shutdownNow();
        timer.shutdownNow();
    }
}
