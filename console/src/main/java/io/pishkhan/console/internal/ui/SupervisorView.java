package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.live.LiveHub;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.QueueStats;
import io.pishkhan.console.internal.logic.SentimentAlerts;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Supervisor wallboard: queues with waiting conversations (queued or offered) and the longest wait, measured from
 * when each entered its queue; agents with presence and load. Refreshed on every conversation event and once a
 * second by a server-side timer (pushed; not a client poll, so an open wallboard does not count as user activity
 * for the session timeout).
 */
@Route(value = "supervisor", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class SupervisorView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    private static final int LIMIT = 1000;
    private final transient Console console = ConsoleServlet.console();
    /** A per-queue supervisor sees his queues only; null (no session, tests): every queue. */
    private final ConsoleUser user = io.pishkhan.console.internal.web.ConsoleSession.user();
    private final Grid<QueueStats.QueueRow> queues = new Grid<>();
    private final Grid<QueueStats.AgentRow> agents = new Grid<>();
    private final Span updated = new Span();
    /** The latest sentiment alerts (newest first, one per conversation). */
    private final transient SentimentAlerts alerts = new SentimentAlerts(20);
    private com.vaadin.flow.component.notification.Notification lastNotification;
    private final com.vaadin.flow.component.html.Div alertList = new com.vaadin.flow.component.html.Div();
    private transient LiveHub.Subscription subscription;
    private transient ScheduledFuture<?> timer;

    public SupervisorView() {
        setSizeFull();
        boolean fa = ConsoleI18N.isPersian(getLocale());
        queues.setId("queues-grid");
        queues.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        queues.addColumn(QueueStats.QueueRow::name).setHeader(getTranslation("queue.name")).setAutoWidth(true);
        queues.addColumn(r -> num(r.waiting(), fa)).setHeader(getTranslation("queue.waiting")).setAutoWidth(true);
        queues.addColumn(r -> fa ? Dates.persianDigits(QueueStats.format(r.longestWait()))
                : QueueStats.format(r.longestWait())).setHeader(getTranslation("queue.longest")).setAutoWidth(true);
        queues.setAllRowsVisible(true);

        agents.setId("agents-grid");
        agents.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        agents.addColumn(r -> r.name() + " (" + r.agentId() + ")").setHeader(getTranslation("agent.name"))
                .setAutoWidth(true);
        agents.addColumn(r -> getTranslation("presence." + r.presence())).setHeader(getTranslation("presence"))
                .setAutoWidth(true);
        agents.addColumn(r -> fa ? Dates.persianDigits(r.load()) : r.load()).setHeader(getTranslation("agent.load"))
                .setAutoWidth(true);
        agents.addColumn(r -> num(r.offered(), fa)).setHeader(getTranslation("agent.offered")).setAutoWidth(true);
        agents.setAllRowsVisible(true);

        updated.setId("supervisor-updated");
        updated.addClassName("pk-label");
        // the one tag a site owner puts on his pages; the origin is the one the console is served from
        com.vaadin.flow.component.html.Pre snippet = new com.vaadin.flow.component.html.Pre();
        snippet.setId("embed-snippet");
        snippet.getElement().setAttribute("dir", "ltr");
        snippet.getElement().executeJs("this.textContent = '<script src=\"' + window.location.origin"
                + " + '/webchat/widget.js\" data-lang=\"fa\" async></' + 'script>'");
        alertList.setId("sentiment-alerts");
        alertList.addClassName("pk-alerts");
        renderAlerts();
        add(new H3(getTranslation("supervisor.alerts")), alertList, new H3(getTranslation("supervisor.queues")), queues, new H3(getTranslation("supervisor.agents")), agents,
                updated, new H3(getTranslation("supervisor.embed")), snippet);
        refresh();
    }

    private boolean sees(String queueId) {
        return user == null || user.supervises(queueId);
    }

    private static String num(int n, boolean fa) {
        return fa ? Dates.persianDigits(Integer.toString(n)) : Integer.toString(n);
    }

    private void refresh() {
        Instant now = Instant.now();
        List<Conversation> offered = console.conversations().conversations(ConversationState.OFFERED, LIMIT);
        // an offer not yet accepted still waits in its queue, since the same moment (routing.waitingSince)
        List<Conversation> waiting = new ArrayList<>(console.conversations().conversations(ConversationState.QUEUED,
                LIMIT));
        waiting.addAll(offered);
        waiting.removeIf(c -> !sees(c.queueId()));
        queues.setItems(QueueStats.queues(console.agents().queues().stream().filter(q -> sees(q.id())).toList(),
                waiting, now));
        agents.setItems(QueueStats.agents(console.agents().agents().stream()
                .filter(a -> user == null || user.supervisesAny(a.queues())).toList(),
                console.conversations().conversations(ConversationState.ASSIGNED, LIMIT), offered));
        String t = LocalTime.now(console.settings().zone()).truncatedTo(ChronoUnit.SECONDS).toString();
        updated.setText(getTranslation("supervisor.updated",
                ConsoleI18N.isPersian(getLocale()) ? Dates.persianDigits(t) : t));
    }

    /** A SENTIMENT_ALERT event: a notification with a link to the transcript, and a line in the alerts list. */
    void onSentiment(ConversationEvent event, Conversation conversation) {
        if (conversation != null && !sees(conversation.queueId())) {
            return; // another supervisor's queue
        }
        SentimentAlerts.Alert a = alerts.accept(event, conversation);
        if (a == null) {
            return;
        }
        renderAlerts();
        com.vaadin.flow.component.notification.Notification n = new com.vaadin.flow.component.notification.Notification();
        n.setId("sentiment-notification");
        n.addThemeVariants(com.vaadin.flow.component.notification.NotificationVariant.LUMO_ERROR);
        n.setDuration(10_000);
        n.setPosition(com.vaadin.flow.component.notification.Notification.Position.TOP_END);
        Span text = new Span(alertText(a));
        text.getElement().setAttribute("dir", "auto");
        com.vaadin.flow.component.button.Button open = new com.vaadin.flow.component.button.Button(
                getTranslation("alert.open"), e -> {
                    n.close();
                    openConversation(a.conversationId());
                });
        open.setId("sentiment-notification-open");
        open.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY_INLINE);
        com.vaadin.flow.component.orderedlayout.HorizontalLayout h =
                new com.vaadin.flow.component.orderedlayout.HorizontalLayout(text, open);
        h.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.CENTER);
        n.add(h);
        n.open();
        lastNotification = n;
    }

    com.vaadin.flow.component.notification.Notification lastNotification() {
        return lastNotification;
    }

    private String alertText(SentimentAlerts.Alert a) {
        boolean fa = ConsoleI18N.isPersian(getLocale());
        String where = (a.queueId() == null ? "" : a.queueId()) + (a.agentId() == null ? "" : " · " + a.agentId());
        return getTranslation("alert.text", SentimentAlerts.scoreText(a.score(), fa),
                a.channel() == null ? "" : a.channel(), where, Dates.time(a.at(), console.settings().zone(), fa));
    }

    private void renderAlerts() {
        alertList.removeAll();
        List<SentimentAlerts.Alert> list = alerts.list();
        if (list.isEmpty()) {
            Span none = new Span(getTranslation("supervisor.alerts.none"));
            none.setId("sentiment-alerts-none");
            none.addClassName("pk-label");
            alertList.add(none);
            return;
        }
        for (SentimentAlerts.Alert a : list) {
            com.vaadin.flow.component.html.Div row = new com.vaadin.flow.component.html.Div();
            row.setId("alert-" + a.conversationId());
            row.addClassName("pk-alert");
            Span text = new Span(alertText(a));
            text.getElement().setAttribute("dir", "auto");
            com.vaadin.flow.component.button.Button open = new com.vaadin.flow.component.button.Button(
                    getTranslation("alert.open"), e -> openConversation(a.conversationId()));
            open.setId("alert-open-" + a.conversationId());
            open.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY_INLINE);
            row.add(new Span("⚠ "), text, new Span(" "), open);
            alertList.add(row);
        }
    }

    /** The conversation's transcript (read-only), as the desktop's history shows it. */
    private void openConversation(String id) {
        console.conversations().conversation(id).ifPresent(c -> HistoryDialog.open(console.conversations(), c,
                getLocale(), console.settings().zone()));
    }

    List<SentimentAlerts.Alert> alerts() {
        return alerts.list();
    }

    @Override
    protected void onAttach(AttachEvent e) {
        UI ui = e.getUI();
        subscription = console.hub().subscribe(ui, c -> true, new ConversationListener() {
            @Override
            public void onEvent(ConversationEvent event, Conversation conversation) {
                onSentiment(event, conversation);
                refresh();
            }
        });
        timer = console.hub().every(ui, 1000, this::refresh);
    }

    @Override
    protected void onDetach(DetachEvent e) {
        if (subscription != null) {
            subscription.close();
        }
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.supervisor") + " · " + getTranslation("app.name");
    }
}
