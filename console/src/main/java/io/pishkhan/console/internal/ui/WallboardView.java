package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.live.LiveHub;
import io.pishkhan.console.internal.logic.Coalescer;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.WallboardTiles;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * The wallboard for a TV: a big tile per queue (waiting, longest wait ticking each second, agents available, today's
 * service level coloured against the queue's target), agents by state and today's totals. The figures come from
 * {@link AnalyticsService#wallboard}; every conversation event asks for a new snapshot, coalesced to one query per
 * {@value #COALESCE_MILLIS} ms and pushed to the browser (WebSocket). A snapshot is also taken every
 * {@value #RESYNC_MILLIS} ms for what has no conversation event (presence changes).
 */
@Route(value = "wallboard", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class WallboardView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final long COALESCE_MILLIS = 250;
    static final long RESYNC_MILLIS = 10_000;
    static final int MAX_CATCH_UP = 20;

    private final transient Console console = ConsoleServlet.console();
    private final ZoneId zone = console.settings().zone();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final Div queues = new Div();
    private final Div agents = new Div();
    private final Div totals = new Div();
    private final Span clock = new Span();
    private final Span updated = new Span();
    private final Span missing = new Span();
    private final transient Coalescer coalescer = new Coalescer();
    private final Map<String, Span> longest = new HashMap<>();
    private transient List<WallboardTiles.Tile> tiles = List.of();
    private transient LiveHub.Subscription subscription;
    private transient ScheduledFuture<?> ticker;
    private transient ScheduledFuture<?> resync;
    /** Snapshots applied (for tests and the browser test's "updated" marker). */
    private volatile int renders;
    /** Snapshots taken in a row because the analytics service lagged behind the events. */
    private int catchUp;

    public WallboardView() {
        setWidthFull();
        addClassName("pk-wallboard");
        H2 title = new H2(getTranslation("nav.wallboard"));
        title.getStyle().set("margin", "0");
        clock.setId("wb-clock");
        clock.addClassName("pk-wb-clock");
        updated.setId("wb-updated");
        updated.addClassName("pk-label");
        HorizontalLayout head = new HorizontalLayout(title, MainLayout.spacer(), updated, clock);
        head.setWidthFull();
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        queues.setId("wb-queues");
        queues.addClassName("pk-wb-grid");
        agents.setId("wb-agents");
        agents.addClassName("pk-wb-grid");
        totals.setId("wb-totals");
        totals.addClassName("pk-wb-grid");
        missing.setId("wallboard-missing");
        missing.addClassName("pk-missing");
        missing.setText(getTranslation("analytics.missing"));
        missing.setVisible(false);
        add(head, missing, queues, new H3(getTranslation("wallboard.agents")), agents,
                new H3(getTranslation("wallboard.today")), totals);
        render(snapshot().wallboard());
    }

    /** A wallboard snapshot and the analytics lag when it was taken (events not yet in the figures). */
    record Snapshot(Wallboard wallboard, long lag) {
    }

    /** Queries the service (any thread); a null wallboard when analytics is not installed or failed. */
    private Snapshot snapshot() {
        Optional<AnalyticsService> s = console.analytics();
        if (s.isEmpty()) {
            return new Snapshot(null, 0);
        }
        try {
            Wallboard w = s.get().wallboard(zone);
            long lag;
            try {
                lag = s.get().lag();
            } catch (RuntimeException e) {
                lag = 0;
            }
            return new Snapshot(w, lag);
        } catch (RuntimeException e) {
            return new Snapshot(null, 0);
        }
    }

    /** Shows a snapshot (in the UI). */
    void render(Wallboard w) {
        tick();
        if (w == null) {
            missing.setVisible(console.analytics().isEmpty());
            return;
        }
        missing.setVisible(false);
        String t = LocalTime.ofInstant(w.at() == null ? Instant.now() : w.at(), zone).truncatedTo(ChronoUnit.SECONDS)
                .toString();
        updated.setText(getTranslation("supervisor.updated", fa ? Dates.persianDigits(t) : t));
        ConsoleUser user = io.pishkhan.console.internal.web.ConsoleSession.user();
        tiles = WallboardTiles.tiles(w, id -> console.agents().queue(id)).stream()
                .filter(tile -> user == null || user.supervises(tile.queueId())).toList();
        queues.removeAll();
        longest.clear();
        Instant now = Instant.now();
        for (WallboardTiles.Tile tile : tiles) {
            queues.add(queueTile(tile, now));
        }
        agents.removeAll();
        for (Map.Entry<String, Integer> e : WallboardTiles.agentStates(w)) {
            agents.add(figure("wb-agents-" + e.getKey(), getTranslation("wallboard.state." + e.getKey()),
                    WallboardTiles.number(e.getValue(), fa), null));
        }
        totals.removeAll();
        totals.add(figure("wb-total-conversations", getTranslation("kpi.conversations"),
                WallboardTiles.number(w.conversationsToday(), fa), null));
        totals.add(figure("wb-total-resolved", getTranslation("kpi.resolved"),
                WallboardTiles.number(w.resolvedToday(), fa), null));
        totals.add(figure("wb-total-abandoned", getTranslation("kpi.abandoned"),
                WallboardTiles.number(w.abandonedToday(), fa), null));
        totals.add(figure("wb-total-sl", getTranslation("kpi.serviceLevel"),
                WallboardTiles.percent(w.serviceLevelToday(), fa),
                WallboardTiles.colour(WallboardTiles.level(w.serviceLevelToday(), 80))));
        renders++;
        updated.getElement().setAttribute("data-renders", Integer.toString(renders));
    }

    private Div queueTile(WallboardTiles.Tile t, Instant now) {
        Div tile = new Div();
        tile.setId("wb-queue-" + t.queueId());
        tile.addClassName("pk-wb-tile");
        WallboardTiles.Level sl = t.serviceLevelLevel();
        tile.getStyle().set("border-inline-start", "10px solid " + WallboardTiles.colour(sl));
        tile.getElement().setAttribute("data-level", sl.name());
        Div name = new Div();
        name.setText(t.name());
        name.addClassName("pk-wb-name");
        name.getElement().setAttribute("dir", "auto");
        Span waiting = new Span(WallboardTiles.number(t.waiting(), fa));
        waiting.setId("wb-waiting-" + t.queueId());
        waiting.addClassName("pk-wb-big");
        waiting.getElement().setAttribute("data-value", Integer.toString(t.waiting()));
        Div waitingBox = new Div(waiting, label(getTranslation("queue.waiting")));
        Span wait = new Span();
        wait.setId("wb-longest-" + t.queueId());
        wait.addClassName("pk-wb-mid");
        longest.put(t.queueId(), wait);
        showLongest(t, wait, now);
        Span available = new Span(WallboardTiles.number(t.agentsAvailable(), fa));
        available.setId("wb-available-" + t.queueId());
        available.addClassName("pk-wb-mid");
        Span slText = new Span(WallboardTiles.percent(t.serviceLevel(), fa));
        slText.setId("wb-sl-" + t.queueId());
        slText.addClassName("pk-wb-mid");
        slText.getStyle().set("color", WallboardTiles.colour(sl));
        slText.getElement().setAttribute("data-level", sl.name());
        String target = getTranslation("wallboard.target", WallboardTiles.number(t.targetPercent(), fa),
                WallboardTiles.number(t.targetSeconds(), fa));
        Div row = new Div(new Div(wait, label(getTranslation("queue.longest"))),
                new Div(available, label(getTranslation("wallboard.available"))),
                new Div(slText, label(getTranslation("kpi.serviceLevel") + " · " + target)));
        row.addClassName("pk-wb-row");
        tile.add(name, waitingBox, row);
        return tile;
    }

    private static Span label(String text) {
        Span s = new Span(text);
        s.addClassName("pk-wb-label");
        return s;
    }

    private Div figure(String id, String label, String value, String colour) {
        Div d = new Div();
        d.addClassName("pk-wb-tile");
        Span v = new Span(value);
        v.setId(id);
        v.addClassName("pk-wb-big");
        if (colour != null) {
            v.getStyle().set("color", colour);
        }
        d.add(v, label(label));
        return d;
    }

    private void showLongest(WallboardTiles.Tile t, Span s, Instant now) {
        long secs = t.longestWaitAt(now);
        s.setText(WallboardTiles.waitText(secs, fa));
        s.getElement().setAttribute("data-seconds", Long.toString(secs));
        s.getStyle().set("color", WallboardTiles.colour(t.waitLevel(now)));
    }

    /** Each second: the clock and the longest waits advance without a query. */
    void tick() {
        Instant now = Instant.now();
        String t = LocalTime.ofInstant(now, zone).truncatedTo(ChronoUnit.SECONDS).toString();
        clock.setText(fa ? Dates.persianDigits(t) : t);
        for (WallboardTiles.Tile tile : tiles) {
            Span s = longest.get(tile.queueId());
            if (s != null) {
                showLongest(tile, s, now);
            }
        }
    }

    /**
     * Asks for one snapshot soon; events until it starts ride along. When the analytics service had not yet taken in
     * every stored event (lag &gt; 0), one more snapshot follows, up to {@value #MAX_CATCH_UP} times in a row.
     */
    void requestRefresh(UI ui) {
        if (coalescer.request()) {
            console.hub().later(ui, COALESCE_MILLIS, () -> {
                coalescer.started();
                return snapshot();
            }, snap -> {
                render(snap.wallboard());
                if (snap.lag() > 0 && catchUp < MAX_CATCH_UP) {
                    catchUp++;
                    requestRefresh(ui);
                } else {
                    catchUp = 0;
                }
            });
        }
    }

    @Override
    protected void onAttach(AttachEvent e) {
        UI ui = e.getUI();
        subscription = console.hub().subscribe(ui, c -> true, new ConversationListener() {
            @Override
            public void onEvent(ConversationEvent event, Conversation conversation) {
                requestRefresh(ui);
            }
        });
        ticker = console.hub().every(ui, 1000, this::tick);
        resync = console.hub().every(ui, RESYNC_MILLIS, () -> requestRefresh(ui));
        // the page may have been built a moment before the hub subscription: take a fresh snapshot now
        requestRefresh(ui);
    }

    @Override
    protected void onDetach(DetachEvent e) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (resync != null) {
            resync.cancel(false);
        }
    }

    int renders() {
        return renders;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.wallboard") + " · " + getTranslation("app.name");
    }
}
