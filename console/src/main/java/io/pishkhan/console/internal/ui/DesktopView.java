package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.kb.Passage;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Identity;
import io.pishkhan.console.internal.logic.ReplyChannels;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.model.Signal;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.live.LiveHub;
import io.pishkhan.console.internal.logic.AssistRanking;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.HandoffSummary;
import io.pishkhan.console.internal.logic.SentimentAlerts;
import io.pishkhan.console.internal.logic.Templates;
import io.pishkhan.console.internal.logic.Throttle;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.ConsoleSession;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent desktop: presence and capacity, the live inbox of offered and assigned conversations, the open
 * conversation (transcript, reply, templates, notes, transfer, resolve), agent assist (knowledge-base passages and
 * canned responses for the customer's last message), its handoff context and the customer.
 */
@Route(value = "", layout = MainLayout.class)
@RouteAlias(value = "desktop", layout = MainLayout.class)
@RequiresRole(ConsoleUser.AGENT)
public class DesktopView extends HorizontalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    private static final Set<String> SHOWN_CONTEXT = Set.of("handoff.reason", "bot.engine", "handoff.language");
    /** Suggestions of each kind in the assist panel. */
    static final int ASSIST_LIMIT = 3;

    private final transient Console console = ConsoleServlet.console();
    private final transient ConversationService service = console.conversations();
    private final ConsoleUser user = ConsoleSession.user();
    private final String me = user == null ? "" : user.name();
    private final ZoneId zone = console.settings().zone();

    /** Conversation ids in the inbox and the open one: read by the hub thread's filter. */
    private final Set<String> interesting = ConcurrentHashMap.newKeySet();
    private volatile String openId;
    private boolean openEditable;

    private final Select<Presence> presence = new Select<>();
    private final IntegerField capacity = new IntegerField();
    private final VerticalLayout inbox = new VerticalLayout();
    private final VerticalLayout conversationPanel = new VerticalLayout();
    private final VerticalLayout sidePanel = new VerticalLayout();
    private final Set<String> shownMessages = new HashSet<>();
    /** Unsent reply text per conversation: survives re-rendering and switching between conversations. */
    private final java.util.Map<String, String> drafts = new java.util.HashMap<>();
    private Div transcript;
    /** Attachments of the open conversation by message id (loaded when it opens and when a customer writes). */
    private transient Map<String, List<io.pishkhan.api.model.AttachmentInfo>> attachmentIndex = Map.of();
    private Span typing;
    private Span stateLabel;
    /** The open conversation's sentiment marker in its header (hidden unless sentiment.alert=true). */
    private Span sentimentLabel;
    /** The open conversation's reply box (null when the agent cannot answer it): assist suggestions go there. */
    private TextArea replyText;
    /** Agent assist: suggestions for the customer's last message. */
    private final Div assist = new Div();
    private final transient Live live = new Live();
    private final transient Throttle typingThrottle;
    private transient LiveHub.Subscription subscription;

    public DesktopView() {
        setSizeFull();
        setPadding(true);
        typingThrottle = new Throttle(console.settings().typingIntervalMillis(), System::currentTimeMillis);

        VerticalLayout left = new VerticalLayout();
        left.setWidth("300px");
        left.setPadding(false);
        left.getStyle().set("flex-shrink", "0");
        left.add(agentStatus());
        H4 inboxTitle = new H4(getTranslation("inbox.title"));
        inbox.setId("inbox");
        inbox.setPadding(false);
        inbox.setSpacing(true);
        left.add(inboxTitle, inbox);

        conversationPanel.setId("conversation-panel");
        conversationPanel.setPadding(false);
        conversationPanel.setHeightFull();
        sidePanel.setWidth("320px");
        sidePanel.setPadding(false);
        sidePanel.getStyle().set("flex-shrink", "0").set("overflow-y", "auto").set("overflow-x", "hidden");
        add(left, conversationPanel, sidePanel);
        setFlexGrow(1, conversationPanel);
        showNothingOpen();
        refreshInbox();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.desktop") + " · " + getTranslation("app.name");
    }

    // ---------------------------------------------------------------- presence and capacity

    private Component agentStatus() {
        Optional<Agent> agent = console.agents().agent(me);
        presence.setId("presence");
        presence.setLabel(getTranslation("presence"));
        presence.setItems(Presence.values());
        presence.setItemLabelGenerator(p -> getTranslation("presence." + p.name()));
        capacity.setId("capacity");
        capacity.setLabel(getTranslation("capacity"));
        capacity.setMin(0);
        capacity.setMax(50);
        capacity.setStepButtonsVisible(true);
        capacity.setWidth("130px");
        if (agent.isEmpty()) {
            presence.setEnabled(false);
            capacity.setEnabled(false);
            Span no = new Span(getTranslation("agent.unknown", me));
            no.setId("agent-unknown");
            no.addClassName("pk-label");
            return new VerticalLayout(new HorizontalLayout(presence, capacity), no);
        }
        presence.setValue(agent.get().presence());
        capacity.setValue(agent.get().capacity());
        presence.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                run(() -> console.agents().setPresence(me, e.getValue()));
            }
        });
        capacity.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && !capacity.isInvalid()) {
                run(() -> console.agents().setCapacity(me, e.getValue()));
            }
        });
        HorizontalLayout h = new HorizontalLayout(presence, capacity);
        h.setAlignItems(FlexComponent.Alignment.BASELINE);
        return h;
    }

    // ---------------------------------------------------------------- inbox

    private void refreshInbox() {
        List<Conversation> mine = service.conversationsOfAgent(me);
        inbox.removeAll();
        Set<String> ids = new HashSet<>();
        for (Conversation c : mine) {
            if (c.state() != ConversationState.OFFERED && c.state() != ConversationState.ASSIGNED) {
                continue;
            }
            ids.add(c.id());
            inbox.add(inboxItem(c));
        }
        if (ids.isEmpty()) {
            Span empty = new Span(getTranslation("inbox.empty"));
            empty.setId("inbox-empty");
            empty.addClassName("pk-label");
            inbox.add(empty);
        }
        interesting.retainAll(ids);
        interesting.addAll(ids);
    }

    private Component inboxItem(Conversation c) {
        boolean offer = c.state() == ConversationState.OFFERED;
        Div card = new Div();
        card.setId((offer ? "offer-" : "conv-") + c.id());
        card.setWidthFull();
        card.addClassNames("pk-card", "pk-inbox-item");
        if (offer) {
            card.addClassName("pk-offer");
        }
        if (c.id().equals(openId)) {
            card.addClassName("pk-selected");
        }
        Span name = new Span(customerName(c));
        name.getElement().setAttribute("dir", "auto");
        name.getStyle().set("font-weight", "600").set("display", "block");
        Span meta = new Span(c.channel() + " · " + getTranslation("state." + c.state().name())
                + (c.intent() == null ? "" : " · " + c.intent()));
        meta.addClassName("pk-label");
        meta.getStyle().set("display", "block");
        card.add(name, meta);
        if (SentimentAlerts.isAlert(c)) {
            card.addClassName("pk-sentiment-alert");
            card.add(sentimentMarker("sentiment-" + c.id(), c));
        }
        String reason = c.context().get("handoff.reason");
        if (reason != null) {
            Span r = new Span(reason);
            r.addClassName("pk-label");
            r.getElement().setAttribute("dir", "auto");
            r.getStyle().set("display", "block");
            card.add(r);
        }
        if (offer) {
            Button accept = new Button(getTranslation("accept"), e -> accept(c.id()));
            accept.setId("accept-" + c.id());
            accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
            Button decline = new Button(getTranslation("decline"), e -> decline(c.id()));
            decline.setId("decline-" + c.id());
            decline.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            HorizontalLayout buttons = new HorizontalLayout(accept, decline);
            card.add(buttons);
        }
        card.addClickListener(e -> open(c.id()));
        return card;
    }

    private String customerName(Conversation c) {
        return service.customer(c.customerId()).map(Customer::displayName).filter(n -> !n.isBlank())
                .orElse(c.address() == null ? c.customerId() : c.address());
    }

    private void accept(String id) {
        if (run(() -> service.accept(id, me))) {
            refreshInbox();
            open(id);
        } else {
            refreshInbox();
        }
    }

    private void decline(String id) {
        run(() -> service.decline(id, me));
        if (id.equals(openId)) {
            showNothingOpen();
        }
        refreshInbox();
    }

    // ---------------------------------------------------------------- the open conversation

    private void showNothingOpen() {
        openId = null;
        conversationPanel.removeAll();
        sidePanel.removeAll();
        shownMessages.clear();
        Span none = new Span(getTranslation("conversation.none"));
        none.setId("conversation-none");
        none.addClassName("pk-label");
        conversationPanel.add(none);
    }

    private void open(String id) {
        Optional<Conversation> oc = service.conversation(id);
        if (oc.isEmpty()) {
            showNothingOpen();
            return;
        }
        Conversation c = oc.get();
        openId = id;
        interesting.add(id);
        typingThrottle.reset();
        conversationPanel.removeAll();
        shownMessages.clear();
        replyText = null;

        H3 title = new H3(customerName(c));
        title.setId("conversation-title");
        title.getElement().setAttribute("dir", "auto");
        title.getStyle().set("margin", "0");
        stateLabel = new Span();
        stateLabel.setId("conversation-state");
        stateLabel.addClassName("pk-label");
        sentimentLabel = sentimentMarker("conversation-sentiment", c);
        HorizontalLayout head = new HorizontalLayout(title, stateLabel, sentimentLabel);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);

        transcript = Messages.transcriptBox("transcript");
        transcript.setWidthFull();
        transcript.getStyle().set("flex", "1 1 auto").set("min-height", "200px");
        List<Message> messages = service.transcript(id);
        attachmentIndex = loadAttachments(id);
        for (Message m : messages) {
            appendMessage(m);
        }
        typing = new Span();
        typing.setId("typing");
        typing.addClassName("pk-typing");

        conversationPanel.add(head, transcript, typing);
        conversationPanel.setFlexGrow(1, transcript);
        boolean mine = me.equals(c.agentId()) && c.state() == ConversationState.ASSIGNED;
        openEditable = mine;
        if (mine) {
            conversationPanel.add(replyBox(c), noteBox(c), transferBox(c));
            markRead(c.id(), messages);
        } else if (c.state() == ConversationState.OFFERED && me.equals(c.agentId())) {
            Span hint = new Span(getTranslation("conversation.offered"));
            hint.addClassName("pk-label");
            conversationPanel.add(hint);
        }
        updateState(c);
        showSide(c, messages);
        markSelected();
    }

    private void markSelected() {
        inbox.getChildren().forEach(ch -> ch.getElement().getClassList().set("pk-selected",
                openId != null && ch.getId().map(i -> i.endsWith("-" + openId)).orElse(false)));
    }

    /**
     * A red "⚠ negative −0.62" marker for a conversation whose context has {@code sentiment.alert=true} (set by the
     * sentiment processor while the customer is negative); hidden otherwise.
     */
    private Span sentimentMarker(String id, Conversation c) {
        Span s = new Span();
        s.setId(id);
        s.addClassName("pk-sentiment");
        showSentiment(s, c);
        return s;
    }

    private void showSentiment(Span s, Conversation c) {
        boolean alert = SentimentAlerts.isAlert(c);
        s.setVisible(alert);
        s.getElement().setAttribute("data-alert", Boolean.toString(alert));
        String score = SentimentAlerts.scoreText(SentimentAlerts.score(c), ConsoleI18N.isPersian(getLocale()));
        s.setText(alert ? "⚠ " + getTranslation("sentiment.negative") + (score.isEmpty() ? "" : " " + score) : "");
        s.getElement().setAttribute("dir", "auto");
    }

    private void updateState(Conversation c) {
        if (sentimentLabel != null) {
            showSentiment(sentimentLabel, c);
        }
        if (stateLabel != null) {
            stateLabel.setText(c.channel() + " · " + getTranslation("state." + c.state().name()) + " · " + c.id());
        }
    }

    private void appendMessage(Message m) {
        if (transcript == null || !shownMessages.add(m.id())) {
            return;
        }
        transcript.add(Messages.render(m, getLocale(), zone, "message-"));
        if (m.direction() == io.pishkhan.api.model.Direction.INBOUND) {
            List<io.pishkhan.api.model.AttachmentInfo> files = attachmentsOf(m);
            if (!files.isEmpty()) {
                transcript.add(attachmentLinks(files));
            }
        }
        transcript.getElement().executeJs("this.scrollTop = this.scrollHeight");
    }

    /** The files sent with the inbound messages of the open conversation. */
    private List<io.pishkhan.api.model.AttachmentInfo> attachmentsOf(Message m) {
        return attachmentIndex.getOrDefault(m.id(), List.of());
    }

    /** The conversation's attachments by message id, one query (none when the service cannot tell). */
    private Map<String, List<io.pishkhan.api.model.AttachmentInfo>> loadAttachments(String conversationId) {
        try {
            return service.attachments(conversationId).stream()
                    .collect(java.util.stream.Collectors.groupingBy(io.pishkhan.api.model.AttachmentInfo::messageId));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Download links (never shown inline: an attachment is the customer's file, not trusted content). */
    @SuppressWarnings("deprecation")
    private Component attachmentLinks(List<io.pishkhan.api.model.AttachmentInfo> files) {
        Div box = new Div();
        box.addClassName("pk-attachments");
        for (io.pishkhan.api.model.AttachmentInfo a : files) {
            com.vaadin.flow.server.StreamResource r = new com.vaadin.flow.server.StreamResource(a.fileName(),
                    (out, session) -> out.write(service.attachmentContent(a.id()).orElse(new byte[0])));
            r.setContentType("application/octet-stream");
            com.vaadin.flow.component.html.Anchor link = new com.vaadin.flow.component.html.Anchor(r,
                    "📎 " + a.fileName() + " (" + Messages.size(a.size()) + ")");
            link.setId("attachment-" + a.id());
            link.getElement().setAttribute("download", true);
            link.getElement().setAttribute("router-ignore", true);
            link.getElement().setAttribute("dir", "auto");
            link.getStyle().set("margin-inline-end", "1em");
            box.add(link);
        }
        return box;
    }

    private Component replyBox(Conversation c) {
        Select<String> templates = new Select<>();
        templates.setId("template-select");
        templates.setPlaceholder(getTranslation("template.placeholder"));
        Templates t = console.settings().templates();
        templates.setItems(t.names());
        String lang = templateLanguage(c);
        templates.setItemLabelGenerator(n -> {
            String text = t.text(n, lang);
            return n + (text == null ? "" : ": " + abbreviate(text, 40));
        });
        templates.setWidth("220px");

        TextArea text = new TextArea();
        replyText = text;
        text.setId("reply-text");
        text.setPlaceholder(getTranslation("reply.placeholder"));
        text.setWidthFull();
        text.setMaxLength(4000);
        text.getElement().setAttribute("dir", "auto");
        text.setValueChangeMode(ValueChangeMode.TIMEOUT);
        text.setValueChangeTimeout(1000);
        text.setValue(drafts.getOrDefault(c.id(), ""));
        text.addValueChangeListener(e -> drafts.put(c.id(), e.getValue()));
        text.addValueChangeListener(e -> {
            if (e.isFromClient() && !e.getValue().isBlank() && typingThrottle.tryAcquire()) {
                try {
                    service.signal(c.id(), new Signal(Signal.Type.TYPING, SenderType.AGENT, me, null, Instant.now()));
                } catch (RuntimeException ex) {
                    // a typing signal is best effort
                }
            }
        });
        templates.addValueChangeListener(e -> {
            if (e.getValue() == null) {
                return;
            }
            String raw = t.text(e.getValue(), lang);
            if (raw != null) {
                String agentName = console.agents().agent(me).map(Agent::name).orElse(me);
                String expanded = Templates.expand(raw, Templates.variables(customerName(c), agentName, c.id()));
                text.setValue(text.getValue().isBlank() ? expanded : text.getValue() + " " + expanded);
                text.focus();
            }
            templates.clear();
        });
        // the customer's addresses: the reply goes where he wrote last unless the agent picks another
        Select<Identity> via = new Select<>();
        via.setId("reply-via");
        List<Identity> addresses = service.customer(c.customerId()).map(Customer::identities).orElse(List.of());
        Identity conversationAddress = new Identity(c.channel(), c.address());
        Identity last = ReplyChannels.lastUsed(service.conversationsOfCustomer(c.customerId(), 20), addresses,
                conversationAddress);
        via.setItems(ReplyChannels.choices(addresses, conversationAddress));
        via.setItemLabelGenerator(i -> i.channel() + ": " + i.address());
        via.setValue(last);
        via.setWidth("220px");
        via.setVisible(via.getListDataView().getItemCount() > 1);
        via.setTooltipText(getTranslation("reply.via"));
        Button send = new Button(getTranslation("reply.send"), e -> {
            String v = text.getValue().strip();
            if (v.isEmpty()) {
                return;
            }
            Identity target = via.getValue() == null || via.getValue().equals(conversationAddress) ? null : via.getValue();
            if (run(() -> appendMessage(service.replyAsAgent(c.id(), me, v, target)))) {
                text.clear();
                typingThrottle.reset();
            }
        });
        send.setId("reply-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        HorizontalLayout row = new HorizontalLayout(templates, via, send);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout box = new VerticalLayout(text, row);
        box.setPadding(false);
        box.setSpacing(false);
        return box;
    }

    /** The customer's language for templates: the handoff language, else the customer's, else the console's. */
    private String templateLanguage(Conversation c) {
        String l = c.context().get("handoff.language");
        if (l == null) {
            l = service.customer(c.customerId()).map(cu -> cu.attributes().get("language")).orElse(null);
        }
        return l == null ? getLocale().getLanguage() : l;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private Component noteBox(Conversation c) {
        TextField note = new TextField();
        note.setId("note-text");
        note.setPlaceholder(getTranslation("note.placeholder"));
        note.setWidthFull();
        note.setMaxLength(4000);
        note.getElement().setAttribute("dir", "auto");
        Button add = new Button(getTranslation("note.add"), e -> {
            String v = note.getValue().strip();
            if (!v.isEmpty() && run(() -> appendMessage(service.addNote(c.id(), me, v)))) {
                note.clear();
            }
        });
        add.setId("note-add");
        HorizontalLayout row = new HorizontalLayout(note, add);
        row.setWidthFull();
        row.setFlexGrow(1, note);
        return row;
    }

    private Component transferBox(Conversation c) {
        Select<Queue> queue = new Select<>();
        queue.setId("transfer-queue");
        queue.setLabel(getTranslation("transfer.queue"));
        queue.setItems(console.agents().queues());
        queue.setItemLabelGenerator(q -> q == null ? "—" : q.name());
        queue.setEmptySelectionAllowed(true);
        queue.setEmptySelectionCaption("—");
        Select<Agent> agent = new Select<>();
        agent.setId("transfer-agent");
        agent.setLabel(getTranslation("transfer.agent"));
        agent.setItems(console.agents().agents().stream().filter(a -> !a.id().equals(me)).toList());
        agent.setItemLabelGenerator(a -> a == null ? "—"
                : a.name() + " (" + getTranslation("presence." + a.presence().name()) + ")");
        agent.setEmptySelectionAllowed(true);
        agent.setEmptySelectionCaption("—");
        queue.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                agent.clear();
            }
        });
        agent.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                queue.clear();
            }
        });
        Button transfer = new Button(getTranslation("transfer.send"), e -> {
            String toQueue = queue.getValue() == null ? null : queue.getValue().id();
            String toAgent = agent.getValue() == null ? null : agent.getValue().id();
            if ((toQueue == null) == (toAgent == null)) {
                notify(getTranslation("transfer.pick"), false);
                return;
            }
            if (run(() -> service.transfer(c.id(), me, toQueue, toAgent))) {
                notify(getTranslation("transfer.done"), true);
                showNothingOpen();
                refreshInbox();
            }
        });
        transfer.setId("transfer-send");
        Button resolve = new Button(getTranslation("resolve"), e -> {
            if (run(() -> service.resolve(c.id()))) {
                notify(getTranslation("resolve.done"), true);
                showNothingOpen();
                refreshInbox();
            }
        });
        resolve.setId("resolve");
        resolve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        HorizontalLayout row = new HorizontalLayout(queue, agent, transfer, MainLayout.spacer(), resolve);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    // ---------------------------------------------------------------- context and customer

    private void showSide(Conversation c, List<Message> messages) {
        sidePanel.removeAll();
        Div ctx = new Div();
        ctx.setId("context-panel");
        ctx.addClassName("pk-card");
        ctx.setWidthFull();
        ctx.add(new H4(getTranslation("context.title")));
        ctx.add(field("context-intent", "context.intent", c.intent()));
        ctx.add(field("context-reason", "context.reason", c.context().get("handoff.reason")));
        ctx.add(field("context-language", "context.language", c.context().get("handoff.language")));
        ctx.add(field("context-bot", "context.bot", c.context().get("bot.engine")));
        Map<String, String> fields = new LinkedHashMap<>();
        // "pipeline.*" keys are the core's own bookkeeping, not something the customer told us
        c.context().entrySet().stream().filter(en -> !SHOWN_CONTEXT.contains(en.getKey()) && !en.getKey().startsWith("pipeline."))
                .sorted(Map.Entry.comparingByKey()).forEach(en -> fields.put(en.getKey(), en.getValue()));
        Div fieldList = new Div();
        fieldList.setId("context-fields");
        fields.forEach((k, v) -> {
            Div row = new Div();
            Span key = new Span(k + ": ");
            key.addClassName("pk-label");
            key.getElement().setAttribute("dir", "auto");
            Span val = new Span(v);
            val.getElement().setAttribute("dir", "auto");
            row.add(key, val);
            fieldList.add(row);
        });
        if (!fields.isEmpty()) {
            Span l = new Span(getTranslation("context.fields"));
            l.addClassName("pk-label");
            ctx.add(l, fieldList);
        } else {
            ctx.add(fieldList);
        }
        Div summary = new Div();
        summary.setId("context-summary");
        Span sl = new Span(getTranslation("context.summary"));
        sl.addClassName("pk-label");
        summary.add(sl);
        // the bot's own summary (the most informative customer sentences) first, then the last customer lines
        String botSummary = c.context().get("handoff.summary");
        if (botSummary != null && !botSummary.isBlank()) {
            Div d = new Div();
            d.setId("context-bot-summary");
            d.setText(botSummary);
            d.getElement().setAttribute("dir", "auto");
            summary.add(d);
        }
        for (String line : HandoffSummary.build(messages, 3)) {
            Div d = new Div();
            d.setText("« " + line + " »");
            d.getElement().setAttribute("dir", "auto");
            summary.add(d);
        }
        ctx.add(summary);
        assist.setId("assist-panel");
        assist.addClassName("pk-card");
        assist.setWidthFull();
        refreshAssist(c, lastCustomerMessage(messages));
        sidePanel.add(assist, ctx, customerPanel(c));
    }

    // ---------------------------------------------------------------- agent assist

    private static Message lastCustomerMessage(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.senderType() == SenderType.CUSTOMER && m.direction() != Direction.INTERNAL) {
                return m;
            }
        }
        return null;
    }

    /**
     * The language to search in: the handoff language, else the bot's last {@code language} (the assistant engine's
     * context key), else the message's script; null: both languages.
     */
    static String assistLanguage(Conversation c, String text) {
        for (String key : List.of("handoff.language", "language")) {
            String l = c.context().get(key);
            if ("fa".equals(l) || "en".equals(l)) {
                return l;
            }
        }
        return AssistRanking.detectLanguage(text);
    }

    /**
     * Suggestions for the customer's message: the best knowledge-base passages (published, visible on the
     * conversation's channel, in its language) and the canned responses sharing the most words with it. A click
     * inserts one into the reply box; nothing is sent.
     */
    private void refreshAssist(Conversation c, Message m) {
        assist.removeAll();
        assist.add(new H4(getTranslation("assist.title")));
        if (m == null || m.text().isBlank()) {
            assist.getElement().removeAttribute("data-message");
            Span none = new Span(getTranslation("assist.none"));
            none.setId("assist-none");
            none.addClassName("pk-label");
            assist.add(none);
            return;
        }
        assist.getElement().setAttribute("data-message", m.id());
        String text = m.text();
        String lang = assistLanguage(c, text);

        Span kbLabel = new Span(getTranslation("assist.kb"));
        kbLabel.addClassName("pk-label");
        assist.add(new Div(kbLabel));
        Optional<KnowledgeBase> kb = console.knowledgeBase();
        if (kb.isEmpty()) {
            assist.add(assistNote("assist-kb-missing", "assist.kb.missing"));
        } else {
            List<Passage> found;
            try {
                found = kb.get().search(text, lang, c.channel(), ASSIST_LIMIT);
            } catch (RuntimeException e) {
                found = null;
            }
            if (found == null) {
                assist.add(assistNote("assist-kb-error", "assist.kb.error"));
            } else if (found.isEmpty()) {
                assist.add(assistNote("assist-kb-none", "assist.kb.none"));
            } else {
                int i = 0;
                for (Passage p : found.subList(0, Math.min(ASSIST_LIMIT, found.size()))) {
                    String insert = p.text() + (p.link() == null || p.link().isBlank() ? "" : "\n" + p.link());
                    assist.add(suggestion("kb", i++, p.title(), p.text(), p.link(), insert));
                }
            }
        }

        Span tLabel = new Span(getTranslation("assist.templates"));
        tLabel.addClassName("pk-label");
        assist.add(new Div(tLabel));
        Templates t = console.settings().templates();
        String templateLang = lang == null ? templateLanguage(c) : lang;
        List<AssistRanking.Candidate> candidates = new ArrayList<>();
        for (String name : t.names()) {
            candidates.add(new AssistRanking.Candidate(name, t.text(name, templateLang)));
        }
        List<AssistRanking.Ranked> ranked = AssistRanking.rank(text, candidates, ASSIST_LIMIT);
        if (ranked.isEmpty()) {
            assist.add(assistNote("assist-template-none", "assist.templates.none"));
        } else {
            String agentName = console.agents().agent(me).map(Agent::name).orElse(me);
            Map<String, String> vars = Templates.variables(customerName(c), agentName, c.id());
            int i = 0;
            for (AssistRanking.Ranked r : ranked) {
                String expanded = Templates.expand(r.text(), vars);
                assist.add(suggestion("template", i++, r.name(), expanded, null, expanded));
            }
        }
    }

    private Span assistNote(String id, String key) {
        Span s = new Span(getTranslation(key));
        s.setId(id);
        s.addClassName("pk-label");
        s.getStyle().set("display", "block");
        return s;
    }

    /** One suggestion: its title, its text (as text), a link, and "Insert" when the agent can reply. */
    private Component suggestion(String kind, int n, String title, String text, String link, String insert) {
        Div box = new Div();
        box.setId("assist-" + kind + "-" + n);
        box.addClassName("pk-suggestion");
        Span head = new Span(title == null ? "" : title);
        head.getElement().setAttribute("dir", "auto");
        head.getStyle().set("font-weight", "600").set("display", "block");
        Div body = new Div();
        body.setText(text == null ? "" : text);
        body.getElement().setAttribute("dir", "auto");
        body.addClassName("pk-suggestion-text");
        box.add(head, body);
        if (link != null && !link.isBlank()) {
            box.add(KnowledgeBaseView.linkOf(link));
        }
        if (replyText != null) {
            Button b = new Button(getTranslation("assist.insert"), e -> insertIntoReply(insert));
            b.setId("assist-insert-" + kind + "-" + n);
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            box.add(b);
        }
        return box;
    }

    /** Adds a suggestion to the reply box (after what the agent wrote); it is not sent. */
    private void insertIntoReply(String text) {
        if (replyText == null || text == null) {
            return;
        }
        String current = replyText.getValue();
        replyText.setValue(current.isBlank() ? text : current.stripTrailing() + "\n" + text);
        replyText.focus();
    }

    private Component field(String id, String labelKey, String value) {
        Div row = new Div();
        Span label = new Span(getTranslation(labelKey) + ": ");
        label.addClassName("pk-label");
        Span v = new Span(value == null || value.isBlank() ? "—" : value);
        v.setId(id);
        v.getElement().setAttribute("dir", "auto");
        row.add(label, v);
        return row;
    }

    /** The agent has the conversation open: the customer's messages up to the last one shown are read. */
    private void markRead(String conversationId, List<Message> shown) {
        for (int i = shown.size() - 1; i >= 0; i--) {
            Message m = shown.get(i);
            if (m.senderType() == SenderType.CUSTOMER) {
                try {
                    service.signal(conversationId, new Signal(Signal.Type.READ, SenderType.AGENT, me, m.id(), Instant.now()));
                } catch (RuntimeException e) {
                    // a read mark is best effort
                }
                return;
            }
        }
    }

    private Component customerPanel(Conversation c) {
        Div panel = new Div();
        panel.setId("customer-panel");
        panel.addClassName("pk-card");
        panel.setWidthFull();
        panel.add(new H4(getTranslation("customer.title")));
        Optional<Customer> oc = service.customer(c.customerId());
        Span name = new Span(oc.map(Customer::displayName).orElse(c.customerId()));
        name.setId("customer-name");
        name.getElement().setAttribute("dir", "auto");
        name.getStyle().set("font-weight", "600");
        panel.add(name);
        Div ids = new Div();
        ids.setId("customer-identities");
        List<Identity> identities = oc.map(Customer::identities).orElse(List.of());
        for (int n = 0; n < identities.size(); n++) {
            Identity i = identities.get(n);
            Span text = new Span(i.channel() + ": " + i.address());
            text.getElement().setAttribute("dir", "auto");
            Div row = new Div(text);
            if (identities.size() > 1 && !(i.channel().equals(c.channel()) && i.address().equals(c.address()))) {
                Button split = new Button(getTranslation("customer.split"), e -> {
                    if (run(() -> service.splitIdentity(c.customerId(), i, me))) {
                        refreshCustomer(c.id());
                    }
                });
                split.setId("identity-split-" + n);
                split.setTooltipText(getTranslation("customer.split.hint"));
                split.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL,
                        ButtonVariant.LUMO_ERROR);
                row.add(split);
            }
            ids.add(row);
        }
        panel.add(ids);
        // merge: another profile of the same person, found by one of its addresses (channel:address)
        com.vaadin.flow.component.textfield.TextField other = new com.vaadin.flow.component.textfield.TextField();
        other.setId("merge-identity");
        other.setPlaceholder(getTranslation("customer.merge.placeholder"));
        other.setWidth("200px");
        Button merge = new Button(getTranslation("customer.merge"), e -> {
            Optional<Identity> id = ReplyChannels.parse(other.getValue());
            Optional<Customer> found = id.flatMap(service::customerByIdentity);
            if (found.isEmpty()) {
                other.setInvalid(true);
                other.setErrorMessage(getTranslation("customer.merge.unknown"));
                return;
            }
            if (found.get().id().equals(c.customerId())) {
                other.setInvalid(true);
                other.setErrorMessage(getTranslation("customer.merge.same"));
                return;
            }
            if (run(() -> service.mergeCustomers(found.get().id(), c.customerId(), me))) {
                refreshCustomer(c.id());
            }
        });
        merge.setId("merge-button");
        merge.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout mergeRow = new HorizontalLayout(other, merge);
        mergeRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        panel.add(mergeRow);
        Button timeline = new Button(getTranslation("customer.timeline"),
                e -> TimelineDialog.open(service, c.customerId(), getLocale(), zone));
        timeline.setId("customer-timeline");
        timeline.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        panel.add(timeline);
        oc.ifPresent(cu -> cu.attributes().forEach((k, v) -> {
            Div row = new Div();
            row.setText(k + ": " + v);
            row.addClassName("pk-label");
            panel.add(row);
        }));
        Span hl = new Span(getTranslation("customer.history"));
        hl.addClassName("pk-label");
        Div history = new Div();
        history.setId("customer-history");
        boolean fa = ConsoleI18N.isPersian(getLocale());
        for (Conversation h : service.conversationsOfCustomer(c.customerId(), 20)) {
            if (h.id().equals(c.id())) {
                continue;
            }
            Button b = new Button(Dates.format(h.createdAt(), zone, fa) + " · " + h.channel() + " · "
                    + getTranslation("state." + h.state().name()),
                    e -> HistoryDialog.open(service, h, getLocale(), zone));
            b.setId("history-" + h.id());
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            history.add(new Div(b));
        }
        if (history.getChildren().findAny().isEmpty()) {
            Span none = new Span(getTranslation("customer.history.none"));
            none.addClassName("pk-label");
            history.add(none);
        }
        panel.add(new Div(hl), history);
        return panel;
    }

    /** After a merge or split: the side panel again, from the store. */
    private void refreshCustomer(String conversationId) {
        service.conversation(conversationId).ifPresent(conv -> showSide(conv, service.transcript(conversationId)));
    }

    // ---------------------------------------------------------------- live updates

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        subscription = console.hub().subscribe(ui,
                c -> me.equals(c.agentId()) || interesting.contains(c.id()), live);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Runs inside ui.access (see LiveHub). */
    private final class Live implements ConversationListener {
        @Override
        public void onEvent(ConversationEvent event, Conversation conversation) {
            refreshInbox();
            if (conversation.id().equals(openId)) {
                boolean isMine = me.equals(conversation.agentId()) && conversation.state() == ConversationState.ASSIGNED;
                if (openEditable != isMine || conversation.state() == ConversationState.OFFERED) {
                    open(conversation.id());
                } else {
                    updateState(conversation);
                }
            }
            markSelected();
        }

        @Override
        public void onMessage(Message message, Conversation conversation) {
            if (message.conversationId().equals(openId)) {
                if (message.direction() == io.pishkhan.api.model.Direction.INBOUND) {
                    attachmentIndex = loadAttachments(openId); // stored with the message, before this event
                }
                appendMessage(message);
                if (message.senderType() == SenderType.CUSTOMER && typing != null) {
                    typing.setText("");
                }
                if (message.senderType() == SenderType.CUSTOMER && openEditable) {
                    markRead(conversation.id(), List.of(message));
                }
                if (message.senderType() == SenderType.CUSTOMER && message.direction() != Direction.INTERNAL) {
                    refreshAssist(conversation, message);
                }
            }
        }

        @Override
        public void onSignal(Signal signal, Conversation conversation) {
            if (conversation.id().equals(openId) && signal.from() == SenderType.CUSTOMER && typing != null) {
                typing.setText(signal.type() == Signal.Type.TYPING ? getTranslation("typing.customer") : "");
            }
        }
    }

    /** What the live hub calls (inside ui.access) for this view's conversations. */
    ConversationListener liveListener() {
        return live;
    }

    // ---------------------------------------------------------------- helpers

    /** Runs a service call; a refusal (wrong state, offer gone, invalid value) becomes an error notification. */
    private boolean run(Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            notify(getTranslation("error.action", e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), false);
            return false;
        }
    }

    private static void notify(String text, boolean ok) {
        Notification n = Notification.show(text, 4000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(ok ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
    }
}
