package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.core.internal.AgentDirectoryImpl;
import io.pishkhan.core.internal.ExtensionTracker;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A customer's profile and his conversations on every channel, paged. */
class CustomersApiTest {
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    private final Customer sara = new Customer("cust-1", "سارا", List.of(new Identity("webchat", "v-42"),
            new Identity("telegram", "@sara")), Map.of("tier", "vip"), T);
    private final List<Conversation> hers = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final ConversationStore store = (ConversationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConversationStore.class}, (p, m, a) -> switch (m.getName()) {
                case "customerByIdentity" -> a[0].equals(new Identity("telegram", "@sara")) ? Optional.of(sara)
                        : Optional.empty();
                case "conversationsOfCustomer" -> a[0].equals("cust-1")
                        ? hers.subList(0, Math.min(hers.size(), (Integer) a[1])) : List.of();
                default -> throw new UnsupportedOperationException(m.getName());
            });
    private final ConversationService service = (ConversationService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ConversationService.class}, (p, m, a) -> {
                if (m.getName().equals("customer")) {
                    return a[0].equals("cust-1") ? Optional.of(sara) : Optional.empty();
                }
                if (m.getName().equals("mergeCustomers")) {
                    calls.add("merge " + a[0] + " into " + a[1] + " by " + a[2]);
                    if (a[0].equals("cust-9")) {
                        throw new java.util.NoSuchElementException("no customer cust-9");
                    }
                    return sara;
                }
                if (m.getName().equals("splitIdentity")) {
                    calls.add("split " + a[1] + " from " + a[0] + " by " + a[2]);
                    return new Customer("cust-2", "@sara", List.of((Identity) a[1]), Map.of(), T);
                }
                throw new UnsupportedOperationException(m.getName());
            });
    private final ApiServlet servlet = new ApiServlet(service, store, new AgentDirectoryImpl(), new ExtensionTracker(),
            RestFixture.AUTH);

    private FakeHttp.Response get(FakeHttp.Request req) throws IOException {
        return RestFixture.call(servlet, req);
    }

    @Test
    void aCustomerIsFoundByIdOrIdentity() throws IOException {
        JsonNode c = get(RestFixture.as("root", "GET", "/customers/cust-1")).json();
        assertEquals("سارا", c.path("displayName").asText());
        assertEquals("telegram", c.path("identities").get(1).path("channel").asText());
        assertEquals("vip", c.path("attributes").path("tier").asText());
        assertEquals("cust-1", get(RestFixture.as("root", "GET", "/customers").param("channel", "telegram")
                .param("address", "@sara")).json().path("id").asText());
        assertEquals(404, get(RestFixture.as("root", "GET", "/customers").param("channel", "telegram")
                .param("address", "@nobody")).status);
        FakeHttp.Response missing = get(RestFixture.as("root", "GET", "/customers").param("channel", "telegram"));
        assertEquals(400, missing.status);
        assertTrue(missing.json().path("error").asText().contains("address"));
        assertEquals(404, get(RestFixture.as("root", "GET", "/customers/cust-9")).status);
        assertEquals(403, get(RestFixture.as("sara", "GET", "/customers/cust-1")).status);
    }

    @Test
    void anAdminMergesAndSplitsProfiles() throws IOException {
        FakeHttp.Response merged = get(RestFixture.as("root", "POST", "/customers/cust-1/merge")
                .body("{\"from\":\"cust-7\"}"));
        assertEquals(200, merged.status, merged.text());
        assertEquals("cust-1", merged.json().path("id").asText());
        FakeHttp.Response split = get(RestFixture.as("root", "POST", "/customers/cust-1/split")
                .body("{\"channel\":\"telegram\",\"address\":\"@sara\"}"));
        assertEquals(201, split.status, split.text());
        assertEquals("cust-2", split.json().path("id").asText());
        assertEquals(List.of("merge cust-7 into cust-1 by root",
                "split Identity[channel=telegram, address=@sara] from cust-1 by root"), calls);
        assertEquals(404, get(RestFixture.as("root", "POST", "/customers/cust-1/merge").body("{\"from\":\"cust-9\"}"))
                .status);
        assertEquals(400, get(RestFixture.as("root", "POST", "/customers/cust-1/split").body("{\"channel\":\"x\"}"))
                .status);
    }

    @Test
    void hisConversationsArePaged() throws IOException {
        for (int i = 0; i < 3; i++) {
            hers.add(new Conversation("c" + i, "cust-1", i == 0 ? "telegram" : "webchat", "a", ConversationState.RESOLVED,
                    null, null, null, Map.of(), T, T));
        }
        FakeHttp.Response first = get(RestFixture.as("root", "GET", "/customers/cust-1/conversations").param("limit", "2"));
        assertEquals(2, first.json().size());
        assertEquals("</api/v1/customers/cust-1/conversations?limit=2&offset=2>; rel=\"next\"", first.headers.get("Link"));
        FakeHttp.Response last = get(RestFixture.as("root", "GET", "/customers/cust-1/conversations")
                .param("limit", "2").param("offset", "2"));
        assertEquals("c2", last.json().get(0).path("id").asText());
        assertEquals(null, last.headers.get("Link"));
        assertEquals(404, get(RestFixture.as("root", "GET", "/customers/cust-9/conversations")).status);
    }
}
