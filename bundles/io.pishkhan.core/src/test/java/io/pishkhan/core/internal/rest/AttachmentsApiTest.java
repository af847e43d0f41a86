package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.AttachmentInfo;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.core.internal.AgentDirectoryImpl;
import io.pishkhan.core.internal.ExtensionTracker;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The files a customer sent: listed with the conversation, downloaded one by one, never rendered inline. */
class AttachmentsApiTest {
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    private static final byte[] HTML = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
    private final Conversation conversation = new Conversation("c1", "cust-1", "email", "sara@example.com",
            ConversationState.QUEUED, "support", null, null, Map.of(), T, T);
    private final ConversationStore store = (ConversationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConversationStore.class}, (p, m, a) -> switch (m.getName()) {
                case "events" -> List.of();
                default -> throw new UnsupportedOperationException(m.getName());
            });
    private final ConversationService service = (ConversationService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ConversationService.class}, (p, m, a) -> switch (m.getName()) {
                case "conversation" -> a[0].equals("c1") ? Optional.of(conversation) : Optional.empty();
                case "transcript" -> List.of();
                case "attachments" -> a[0].equals("c1") ? List.of(new AttachmentInfo("a1", "m1", "صورت حساب.html",
                        "text/html", HTML.length)) : List.of();
                case "attachmentContent" -> a[0].equals("a1") ? Optional.of(HTML) : Optional.empty();
                default -> throw new UnsupportedOperationException(m.getName());
            });
    private final ApiServlet servlet = new ApiServlet(service, store, new AgentDirectoryImpl(), new ExtensionTracker(),
            RestFixture.AUTH);

    @Test
    void attachmentsAreListedAndDownloadedAsFilesOnly() throws IOException {
        JsonNode c = RestFixture.call(servlet, RestFixture.as("root", "GET", "/conversations/c1")).json();
        JsonNode a = c.path("attachments").get(0);
        assertEquals("a1", a.path("id").asText());
        assertEquals("صورت حساب.html", a.path("fileName").asText());
        assertEquals(HTML.length, a.path("size").asInt());

        FakeHttp.Response file = RestFixture.call(servlet, RestFixture.as("root", "GET", "/conversations/c1/attachments/a1"));
        assertEquals(200, file.status);
        assertArrayEquals(HTML, file.body.toByteArray());
        assertEquals("application/octet-stream", file.contentType, "an HTML file is never served as HTML");
        assertEquals("nosniff", file.headers.get("X-Content-Type-Options"));
        assertEquals("attachment; filename*=UTF-8''%D8%B5%D9%88%D8%B1%D8%AA%20%D8%AD%D8%B3%D8%A7%D8%A8.html",
                file.headers.get("Content-Disposition"));
        assertEquals("text/html", file.headers.get("X-Pishkhan-Content-Type"));
        assertEquals(404, RestFixture.call(servlet, RestFixture.as("root", "GET", "/conversations/c1/attachments/zz")).status);
        assertEquals(404, RestFixture.call(servlet, RestFixture.as("root", "GET", "/conversations/c9/attachments/a1")).status,
                "an attachment is only reached through its own conversation");
        assertEquals(403, RestFixture.call(servlet, RestFixture.as("sara", "GET", "/conversations/c1/attachments/a1")).status);
    }
}
