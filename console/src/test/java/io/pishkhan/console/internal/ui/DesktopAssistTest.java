package io.pishkhan.console.internal.ui;

import static io.pishkhan.console.internal.ui.ChatbotViewsTest.attr;
import static io.pishkhan.console.internal.ui.ChatbotViewsTest.click;
import static io.pishkhan.console.internal.ui.ChatbotViewsTest.value;
import static io.pishkhan.console.internal.ui.ViewHarness.find;
import static io.pishkhan.console.internal.ui.ViewHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Templates;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Agent assist in the desktop: suggestions for the customer's last message, inserted into the reply, refreshed live. */
class DesktopAssistTest {
    private static final ConsoleUser ALICE = new ConsoleUser("alice", Set.of("agent"));
    private static final Instant T = Instant.parse("2025-04-02T08:00:00Z");

    private final List<Message> transcript = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final List<io.pishkhan.api.model.AttachmentInfo> files = new ArrayList<>();
    private List<io.pishkhan.api.model.Identity> identities = List.of();
    private final List<Conversation> others = new ArrayList<>();
    private Conversation conversation = conversation(Map.of("handoff.language", "fa"));

    private static Conversation conversation(Map<String, String> context) {
        return new Conversation("c1", "cu1", "webchat", "visitor-1", ConversationState.ASSIGNED, "general", "alice",
                "card.lost", context, T, T);
    }

    private static Message customer(String id, String text) {
        return new Message(id, "c1", Direction.INBOUND, SenderType.CUSTOMER, "cu1", text, null, T);
    }

    private ConversationService service() {
        return (ConversationService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConversationService.class}, (p, m, a) -> switch (m.getName()) {
                    case "conversationsOfAgent" -> List.of(conversation);
                    case "conversation" -> Optional.of(conversation);
                    case "transcript" -> List.copyOf(transcript);
                    case "customer" -> Optional.of(new Customer("cu1", "Sara", identities, Map.of(), T));
                    case "conversationsOfCustomer" -> List.copyOf(others);
                    case "customerByIdentity" -> a[0].equals(new io.pishkhan.api.model.Identity("email", "s@x.ir"))
                            ? Optional.of(new Customer("cu2", "S", List.of(), Map.of(), T)) : Optional.empty();
                    case "mergeCustomers", "splitIdentity" -> {
                        sent.add(m.getName() + " " + a[0] + " " + a[1] + " " + a[2]);
                        yield new Customer("cu1", "Sara", identities, Map.of(), T);
                    }
                    case "signal" -> null;
                    case "attachments" -> List.copyOf(files);
                    case "attachmentContent" -> Optional.of(new byte[] {1, 2, 3});
                    case "replyAsAgent" -> {
                        sent.add((String) a[2] + (a.length > 3 && a[3] != null ? " via " + a[3] : ""));
                        yield new Message("r" + sent.size(), "c1", Direction.OUTBOUND, SenderType.AGENT, "alice",
                                (String) a[2], null, T);
                    }
                    case "hashCode" -> 1;
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private FakeConsole console(boolean installed) {
        FakeConsole c = new FakeConsole(installed);
        c.conversationService = service();
        c.templates = Templates.fromConfiguration(Map.of(
                "template.card_lost.fa", "{customer.name} عزیز، کارت شما مسدود شد.",
                "template.card_lost.en", "Dear {customer.name}, your card is blocked.",
                "template.greeting.fa", "سلام {customer.name}، چطور کمک کنم؟",
                "template.refund.fa", "مبلغ به حساب شما برمی‌گردد."));
        c.kb.save(new Article("", "مسدود کردن کارت", "کارت را از برنامه مسدود کنید.", Set.of(), "fa",
                Set.of("webchat"), true, "https://bank.example/cards", null, null), "admin");
        c.kb.save(new Article("", "Block a card", "Block it in the app.", Set.of(), "en", Set.of(), true, null, null,
                null), "admin");
        transcript.add(customer("m1", "سلام، کارتم گم شده و باید مسدود بشه"));
        transcript.add(new Message("m2", "c1", Direction.OUTBOUND, SenderType.BOT, "assistant", "یک لحظه…", null, T));
        return c;
    }

    private static void open(Component view, String id) {
        Component card = get(view, id);
        ComponentUtil.fireEvent(card, new ClickEvent<>(card));
    }

    private static String text(Component root, String id) {
        return get(root, id).getElement().getTextRecursively();
    }

    @Test
    void suggestionsForTheLastCustomerMessageAreInsertedNotSent() {
        FakeConsole c = console(true);
        try (ViewHarness h = new ViewHarness(c, ALICE, ConsoleI18N.FA)) {
            DesktopView v = h.show(new DesktopView());
            open(v, "conv-c1");
            assertEquals("m1", attr(v, "assist-panel", "data-message"));
            assertEquals(Arrays.asList("سلام، کارتم گم شده و باید مسدود بشه", "fa", "webchat", 3), c.kb.lastSearch,
                    "the conversation's language and channel");
            assertTrue(text(v, "assist-kb-0").contains("کارت را از برنامه مسدود کنید."), text(v, "assist-kb-0"));
            assertTrue(text(v, "assist-kb-0").contains("https://bank.example/cards"));
            assertFalse(find(v, "assist-kb-1").isPresent());
            assertTrue(text(v, "assist-template-0").startsWith("card_lost"), text(v, "assist-template-0"));
            assertTrue(text(v, "assist-template-0").contains("Sara عزیز، کارت شما مسدود شد."),
                    "expanded for this customer");
            assertFalse(find(v, "assist-template-1").isPresent(), "greeting and refund share no word with it");

            click(v, "assist-insert-template-0");
            assertEquals("Sara عزیز، کارت شما مسدود شد.", value(v, "reply-text"));
            click(v, "assist-insert-kb-0");
            assertEquals("Sara عزیز، کارت شما مسدود شد.\nکارت را از برنامه مسدود کنید.\nhttps://bank.example/cards",
                    value(v, "reply-text"));
            assertTrue(sent.isEmpty(), "inserting never sends");

            // a new customer message arrives live: new suggestions
            Message m3 = customer("m3", "پول من کی به حسابم برمی‌گردد؟");
            transcript.add(m3);
            v.liveListener().onMessage(m3, conversation);
            assertEquals("m3", attr(v, "assist-panel", "data-message"));
            assertTrue(find(v, "assist-kb-none").isPresent());
            assertTrue(text(v, "assist-template-0").startsWith("refund"), text(v, "assist-template-0"));
            assertTrue(find(v, "message-m3").isPresent());
            assertTrue(((String) value(v, "reply-text")).startsWith("Sara عزیز"), "the draft is kept");

            // an agent's own message does not change the suggestions
            v.liveListener().onMessage(new Message("r9", "c1", Direction.OUTBOUND, SenderType.AGENT, "alice",
                    "مسدود", null, T), conversation);
            assertEquals("m3", attr(v, "assist-panel", "data-message"));

            click(v, "reply-send");
            assertEquals(1, sent.size());
        }
    }

    @Test
    void theReplyGoesWhereHeWroteLastAndProfilesAreMergedAndSplitFromTheDesktop() {
        FakeConsole c = console(true);
        io.pishkhan.api.model.Identity chat = new io.pishkhan.api.model.Identity("webchat", "visitor-1");
        io.pishkhan.api.model.Identity sms = new io.pishkhan.api.model.Identity("sms", "+989121234567");
        identities = List.of(chat, sms);
        others.add(conversation(Map.of()));
        others.add(new Conversation("c0", "cu1", "sms", "+989121234567", ConversationState.RESOLVED, null, null, null,
                Map.of(), T, T.plusSeconds(600))); // he wrote by SMS after the chat went quiet
        try (ViewHarness h = new ViewHarness(c, ALICE, ConsoleI18N.EN)) {
            DesktopView v = h.show(new DesktopView());
            open(v, "conv-c1");
            @SuppressWarnings("unchecked")
            com.vaadin.flow.component.select.Select<io.pishkhan.api.model.Identity> via =
                    (com.vaadin.flow.component.select.Select<io.pishkhan.api.model.Identity>) get(v, "reply-via");
            assertTrue(via.isVisible());
            assertEquals(sms, via.getValue(), "where he wrote last");
            ((com.vaadin.flow.component.textfield.TextArea) get(v, "reply-text")).setValue("Your form is ready");
            click(v, "reply-send");
            assertEquals(List.of("Your form is ready via " + sms), sent);
            via.setValue(chat);
            ((com.vaadin.flow.component.textfield.TextArea) get(v, "reply-text")).setValue("Or here");
            click(v, "reply-send");
            assertEquals("Or here", sent.get(1), "the conversation's own channel: no override");

            click(v, "identity-split-1");
            assertEquals("splitIdentity cu1 " + sms + " alice", sent.get(2));
            com.vaadin.flow.component.textfield.TextField other =
                    (com.vaadin.flow.component.textfield.TextField) get(v, "merge-identity");
            other.setValue("email:nobody@x.ir");
            click(v, "merge-button");
            assertTrue(other.isInvalid(), "unknown address");
            other.setValue("email:s@x.ir");
            click(v, "merge-button");
            assertEquals("mergeCustomers cu2 cu1 alice", sent.get(3));
        }
    }

    @Test
    void filesTheCustomerSentAreDownloadLinksUnderHisMessage() {
        FakeConsole c = console(true);
        files.add(new io.pishkhan.api.model.AttachmentInfo("a1", "m1", "کارت.jpg", "image/jpeg", 2_500_000));
        try (ViewHarness h = new ViewHarness(c, ALICE, ConsoleI18N.FA)) {
            DesktopView v = h.show(new DesktopView());
            open(v, "conv-c1");
            Component link = get(v, "attachment-a1");
            assertTrue(link.getElement().getTextRecursively().contains("کارت.jpg"), link.getElement().getTextRecursively());
            assertTrue(link.getElement().getTextRecursively().contains("2.4 MB"));
            assertTrue(link.getElement().hasAttribute("download"), "downloaded, never shown inline");
        }
    }

    @Test
    void withoutTheKnowledgeBaseTemplatesAreStillSuggested() {
        FakeConsole c = console(false);
        conversation = conversation(Map.of());
        transcript.set(0, customer("m1", "My card is lost, please block it"));
        try (ViewHarness h = new ViewHarness(c, ALICE, ConsoleI18N.EN)) {
            DesktopView v = h.show(new DesktopView());
            open(v, "conv-c1");
            assertTrue(find(v, "assist-kb-missing").isPresent());
            assertTrue(text(v, "assist-template-0").contains("Dear Sara, your card is blocked."),
                    "English from the message's script");
        }
    }

    @Test
    void theLanguageComesFromTheHandoffElseFromTheScript() {
        assertEquals("en", DesktopView.assistLanguage(conversation(Map.of("handoff.language", "en")), "سلام"));
        assertEquals("fa", DesktopView.assistLanguage(conversation(Map.of("handoff.language", "xx")), "سلام"));
        assertEquals("en", DesktopView.assistLanguage(conversation(Map.of()), "hello there"));
        assertEquals("en", DesktopView.assistLanguage(conversation(Map.of("language", "en")), "سلام"),
                "the assistant engine's key");
        assertNull(DesktopView.assistLanguage(conversation(Map.of()), "123"));
    }
}
