package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The email channel on the real distribution (Jakarta Mail embedded in its bundle) against a real mail server in
 * the test (GreenMail IMAP + SMTP): the admin adds a mailbox as a factory configuration in etc/, a customer's mail with
 * an attachment becomes a conversation with the file, the bot's answer comes back over SMTP threaded to his mail.
 */
class MailIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(60);
    static GreenMail mail;

    @AfterAll
    static void stopMail() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aMailboxIsAddedAtRuntimeAndACustomerIsAnsweredByMail() throws Exception {
        int smtp = Appliance.freePort();
        int imap = Appliance.freePort();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", "smtp"),
            new ServerSetup(imap, "127.0.0.1", "imap")});
        mail.start();
        GreenMailUser support = mail.setUser("support@bank.example", "support", "pw");
        support.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
                "From: Sara <sara@example.com>\r\nTo: support@bank.example\r\nSubject: Card blocked\r\n"
                + "Message-ID: <it-1@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Hello, my card is blocked\r\n--B\r\nContent-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename=\"card.pdf\"\r\n\r\n%PDF-1.4 it\r\n--B--\r\n")
                .getBytes(StandardCharsets.UTF_8))));

        Path cfg = app.home.resolve("etc/io.pishkhan.channel.mail-it.cfg");
        Files.writeString(cfg, String.join("\n", "channelId = email", "imap.host = 127.0.0.1", "imap.port = " + imap,
                "imap.ssl = false", "imap.user = support", "imap.password = pw", "pollSeconds = 1",
                "smtp.host = 127.0.0.1", "smtp.port = " + smtp, "smtp.starttls = false",
                "from.address = support@bank.example", ""));
        try {
            JsonNode customer = app.awaitJson("/api/v1/customers?channel=email&address=sara%40example.com", true,
                    n -> n.path("id").isTextual(), WAIT);
            JsonNode conversations = app.json(app.get("/api/v1/customers/" + customer.path("id").asText()
                    + "/conversations", true));
            String id = conversations.get(0).path("id").asText();
            JsonNode c = app.awaitJson("/api/v1/conversations/" + id, true, n -> n.path("messages").size() >= 2, WAIT);
            assertEquals("Hello, my card is blocked", c.path("messages").get(0).path("text").asText());
            assertEquals("card.pdf", c.path("attachments").get(0).path("fileName").asText(), c.toString());

            // the mailbox also holds the customer's own mail: wait for the one the appliance sent
            MimeMessage answer = null;
            long until = System.nanoTime() + WAIT.toNanos();
            while (answer == null && System.nanoTime() < until) {
                answer = Arrays.stream(mail.getReceivedMessages()).filter(m -> {
                    try {
                        return m.getMessageID() != null && m.getMessageID().startsWith("<pk." + id + ".");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null);
                if (answer == null) {
                    Thread.sleep(250);
                }
            }
            assertTrue(answer != null, "no answer by mail");
            assertEquals("<it-1@example.com>", answer.getHeader("In-Reply-To")[0]);
            assertEquals("Re: Card blocked", answer.getSubject());
        } finally {
            Files.deleteIfExists(cfg);
        }
    }
}
