package io.pishkhan.channel.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.SenderType;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel against a real mail server (GreenMail: IMAP and SMTP on local ports). */
class MailChannelTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP_IMAP);

    final List<InboundMessage> received = new CopyOnWriteArrayList<>();
    final List<String> reports = new CopyOnWriteArrayList<>();
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    volatile boolean coreDown;
    GreenMailUser support;
    MailChannel channel;

    final ConversationService core = (ConversationService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConversationService.class}, (p, m, a) -> switch (m.getName()) {
                case "receive" -> {
                    if (coreDown) {
                        throw new io.pishkhan.api.store.StoreException("database down", null);
                    }
                    InboundMessage in = (InboundMessage) a[0];
                    boolean dup = in.clientMessageId() != null && !seen.add(in.clientMessageId());
                    if (!dup) {
                        received.add(in);
                    }
                    yield new Receipt("cu", "conv-1", "m" + received.size(), dup);
                }
                case "deliveryReport" -> {
                    reports.add(a[0] + " " + a[1] + " " + a[2]);
                    yield true;
                }
                default -> throw new UnsupportedOperationException(m.getName());
            });

    @BeforeEach
    void start() {
        support = MAIL.setUser("support@bank.example", "support", "pw");
        channel = new MailChannel(new MailChannel.Settings("email", "127.0.0.1", ServerSetupTest.IMAP.getPort(), false,
                "support", "pw", "INBOX", 30, "127.0.0.1", ServerSetupTest.SMTP.getPort(), false, false, "", "",
                "support@bank.example", "پشتیبانی", 2048, 3, "pishkhan.local"), () -> core);
    }

    static MimeMessage raw(String mime) throws Exception {
        return raw(mime.getBytes(StandardCharsets.UTF_8));
    }

    static MimeMessage raw(byte[] mime) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
    }

    void deliver(String mime) throws Exception {
        support.deliver(raw(mime));
    }

    @Test
    void aPlainMailIsStoredOnceWithItsSubjectAndFlaggedSeen() throws Exception {
        deliver("From: Sara Rahimi <Sara@Example.com>\r\nTo: support@bank.example\r\nSubject: Card blocked\r\n"
                + "Message-ID: <m1@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy card is blocked.\r\n"
                + "\r\nOn Mon, Nov 23, 2026 at 10:00 Support wrote:\r\n> earlier text\r\n");
        assertEquals(1, channel.pollOnce());
        InboundMessage in = received.get(0);
        assertEquals("email", in.channel());
        assertEquals("sara@example.com", in.address());
        assertEquals("Sara Rahimi", in.displayName());
        assertEquals("My card is blocked.", in.text(), "the quoted history is cut off");
        assertEquals("Card blocked", in.attributes().get(InboundMessage.ATTR_SUBJECT));
        assertEquals("<m1@example.com>", in.clientMessageId());
        assertEquals(0, channel.pollOnce(), "flagged seen: not read again");
    }

    @Test
    void htmlIsSanitisedAndPersianInWindows1256IsDecoded() throws Exception {
        deliver("From: a@example.com\r\nSubject: html\r\nMessage-ID: <h1@example.com>\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p><script>alert(1)</script>"
                + "<p onclick=\"x()\">World</p><img src=\"http://tracker.example/p.gif\">");
        byte[] persian = "سلام، کارت من مسدود شده".getBytes(Charset.forName("windows-1256"));
        String head = "From: b@example.com\r\nSubject: fa\r\nMessage-ID: <f1@example.com>\r\n"
                + "Content-Type: text/plain; charset=windows-1256\r\n\r\n";
        support.deliver(raw(concat(head.getBytes(StandardCharsets.US_ASCII), persian)));
        String wrong = "From: c@example.com\r\nSubject: fa2\r\nMessage-ID: <f2@example.com>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"; // declared UTF-8, written in windows-1256
        support.deliver(raw(concat(wrong.getBytes(StandardCharsets.US_ASCII), persian)));
        assertEquals(3, channel.pollOnce());
        InboundMessage html = received.stream().filter(m -> m.address().equals("a@example.com")).findFirst().get();
        assertEquals("Hello\n\nWorld", html.text());
        String kept = html.attributes().get("html");
        assertFalse(kept.contains("script") || kept.contains("onclick") || kept.contains("tracker"), kept);
        assertEquals("سلام، کارت من مسدود شده", received.stream().filter(m -> m.address().equals("b@example.com"))
                .findFirst().get().text());
        assertEquals("سلام، کارت من مسدود شده", received.stream().filter(m -> m.address().equals("c@example.com"))
                .findFirst().get().text(), "a wrong charset falls back to windows-1256");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void attachmentsAreKeptWithinTheLimitsAndBrokenMimeDoesNotStopThePoll() throws Exception {
        String big = "A".repeat(4000);
        deliver("From: d@example.com\r\nSubject: files\r\nMessage-ID: <a1@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nSee files\r\n"
                + "--B\r\nContent-Type: application/pdf; name=\"=?UTF-8?B?2YHYp9qp2KrZiNixLnBkZg==?=\"\r\n"
                + "Content-Disposition: attachment; filename=\"=?UTF-8?B?2YHYp9qp2KrZiNixLnBkZg==?=\"\r\n\r\n%PDF-1.4 small\r\n"
                + "--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n\r\n"
                + big + "\r\n--B--\r\n");
        deliver("From: e@example.com\r\nSubject: broken\r\nMessage-ID: <b1@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"NOPE\"\r\n\r\nthere is no boundary in this body\r\n");
        deliver("From: f@example.com\r\nSubject: after\r\nMessage-ID: <ok@example.com>\r\n\r\nstill read\r\n");
        channel.pollOnce();
        InboundMessage files = received.stream().filter(m -> m.address().equals("d@example.com")).findFirst().get();
        assertEquals(1, files.attachments().size());
        assertEquals("فاکتور.pdf", files.attachments().get(0).fileName());
        assertEquals("application/pdf", files.attachments().get(0).contentType());
        assertTrue(files.text().startsWith("See files"));
        assertTrue(files.text().contains("[attachment big.bin not kept: larger than 2 KB]"), files.text());
        assertTrue(received.stream().anyMatch(m -> m.text().equals("still read")), "the next mail is read");
        assertEquals(0, channel.pollOnce(), "the broken mail is flagged seen, not retried forever");
    }

    @Test
    void autoRepliesAreIgnoredAndBouncesOfOurMailsBecomeDeliveryReports() throws Exception {
        deliver("From: g@example.com\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n"
                + "Message-ID: <ooo@example.com>\r\n\r\nI am away\r\n");
        deliver("From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\nSubject: Undelivered\r\n"
                + "Message-ID: <bounce@mx.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\r\n\r\n"
                + "--R\r\nContent-Type: text/plain\r\n\r\nDelivery failed\r\n"
                + "--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
                + "Final-Recipient: rfc822; nobody@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
                + "--R\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <pk.conv-7.msg-42@pishkhan.local>\r\n"
                + "--R--\r\n");
        assertEquals(0, channel.pollOnce());
        assertTrue(received.isEmpty(), "no conversation from an auto-reply or a bounce");
        assertEquals(List.of("msg-42 false smtp; 550 5.1.1 user unknown"), reports);
    }

    @Test
    void aReplyToOurMailCarriesItsConversationAndNothingIsLostWhileTheCoreIsDown() throws Exception {
        deliver("From: h@example.com\r\nSubject: Re: your request\r\nMessage-ID: <r1@example.com>\r\n"
                + "In-Reply-To: <pk.conv-9.msg-3@pishkhan.local>\r\n\r\nthanks\r\n");
        coreDown = true;
        assertEquals(0, channel.pollOnce());
        coreDown = false;
        assertEquals(1, channel.pollOnce(), "left unseen, read on the next poll");
        assertEquals("conv-9", received.get(0).attributes().get(InboundMessage.ATTR_THREAD));
    }

    @Test
    void repliesGoOutOverSmtpThreadedToTheCustomersMail() throws Exception {
        deliver("From: Sara <sara@example.com>\r\nSubject: Card blocked\r\nMessage-ID: <m1@example.com>\r\n\r\nhelp\r\n");
        channel.pollOnce();
        channel.deliver(new OutboundMessage("conv-1", "msg-9", "email", "sara@example.com", SenderType.AGENT, "Ali",
                "Your card is unblocked.", List.of()));
        assertTrue(MAIL.waitForIncomingEmail(5000, 1));
        MimeMessage sent = java.util.Arrays.stream(MAIL.getReceivedMessages())
                .filter(x -> {
                    try {
                        return "<pk.conv-1.msg-9@pishkhan.local>".equals(x.getMessageID());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        assertEquals("sara@example.com", sent.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString());
        assertEquals("<pk.conv-1.msg-9@pishkhan.local>", sent.getMessageID());
        assertEquals("<m1@example.com>", sent.getHeader("In-Reply-To")[0]);
        assertEquals("Re: Card blocked", sent.getSubject());
        assertTrue(String.valueOf(sent.getContent()).contains("Your card is unblocked."));
        ChannelException bad = assertThrows(ChannelException.class, () -> channel.deliver(new OutboundMessage(
                "conv-1", "msg-10", "email", "not an address", SenderType.AGENT, "Ali", "x", List.of())));
        assertFalse(bad.isRetryable());
        assertNull(MailParser.thread(raw("Subject: x\r\n\r\nbody")));
    }
}
