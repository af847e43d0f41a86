package io.pishkhan.channel.mail.internal;

import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailbox as a channel. Polls the IMAP folder for unseen mail: a customer's mail is stored (address = sender,
 * client message id = Message-ID, so a mail polled twice is stored once) and only then flagged seen; auto-replies are
 * flagged seen and ignored; bounces of the appliance's own mails become delivery reports; a mail that cannot be
 * parsed is flagged seen and logged (it stays in the mailbox); when the core cannot store (database down) the mail
 * stays unseen for the next poll. Replies go out over SMTP with the appliance's Message-ID and In-Reply-To, so the
 * customer's next reply finds its conversation.
 */
@Component(service = ChannelConnector.class, configurationPid = MailChannel.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MailConfig.class, factory = true)
public final class MailChannel implements ChannelConnector {
    static final String PID = "io.pishkhan.channel.mail";
    private static final Logger LOG = LoggerFactory.getLogger(MailChannel.class);

    /** Plain settings (tests build them directly). */
    record Settings(String channelId, String imapHost, int imapPort, boolean imapSsl, String imapUser,
            String imapPassword, String folder, int pollSeconds, String smtpHost, int smtpPort, boolean smtpSsl,
            boolean starttls, String smtpUser, String smtpPassword, String fromAddress, String fromName,
            long maxAttachmentBytes, int maxAttachments, String domain) {
        static Settings of(MailConfig c) {
            return new Settings(c.channelId(), c.imap_host(), c.imap_port(), c.imap_ssl(), c.imap_user(),
                    c.imap_password(), c.imap_folder(), c.pollSeconds(), c.smtp_host(), c.smtp_port(), c.smtp_ssl(),
                    c.smtp_starttls(), c.smtp_user(), c.smtp_password(), c.from_address(), c.from_name(),
                    c.maxAttachmentMb() * 1024L * 1024L, c.maxAttachments(), c.messageIdDomain());
        }
    }

    /** What the channel remembers per conversation for threading its replies. */
    private record Thread(String subject, String lastMessageId) {
    }

    private final Settings settings;
    private final Supplier<ConversationService> conversations;
    private final MailParser parser;
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile java.lang.Thread poller;

    @Activate
    public MailChannel(BundleContext context, MailConfig config) {
        this(Settings.of(config), () -> {
            ServiceReference<ConversationService> ref = context.getServiceReference(ConversationService.class);
            return ref == null ? null : context.getService(ref);
        });
        startPolling();
    }

    MailChannel(Settings settings, Supplier<ConversationService> conversations) {
        this.settings = settings;
        this.conversations = conversations;
        this.parser = new MailParser(settings.maxAttachmentBytes(), settings.maxAttachments());
    }

    @Override
    public String channelId() {
        return settings.channelId();
    }

    private Session session() {
        Properties p = new Properties();
        String imap = settings.imapSsl() ? "imaps" : "imap";
        p.put("mail.store.protocol", imap);
        p.put("mail." + imap + ".host", settings.imapHost());
        p.put("mail." + imap + ".port", String.valueOf(settings.imapPort()));
        p.put("mail." + imap + ".connectiontimeout", "15000");
        p.put("mail." + imap + ".timeout", "30000");
        p.put("mail." + imap + ".peek", "true"); // reading a mail does not flag it seen: only a stored one is
        String smtp = settings.smtpSsl() ? "smtps" : "smtp";
        p.put("mail.transport.protocol", smtp);
        p.put("mail." + smtp + ".host", settings.smtpHost());
        p.put("mail." + smtp + ".port", String.valueOf(settings.smtpPort()));
        p.put("mail." + smtp + ".starttls.enable", String.valueOf(settings.starttls()));
        p.put("mail." + smtp + ".auth", String.valueOf(!settings.smtpUser().isBlank()));
        p.put("mail." + smtp + ".connectiontimeout", "15000");
        p.put("mail." + smtp + ".timeout", "30000");
        p.put("mail.mime.address.strict", "false");
        return Session.getInstance(p);
    }

    /** Runs mail code with this bundle's class loader as context (Jakarta Mail finds its providers through it). */
    private <T> T withLoader(MailWork<T> work) throws MessagingException, IOException {
        ClassLoader tccl = java.lang.Thread.currentThread().getContextClassLoader();
        java.lang.Thread.currentThread().setContextClassLoader(MailChannel.class.getClassLoader());
        try {
            return work.run();
        } finally {
            java.lang.Thread.currentThread().setContextClassLoader(tccl);
        }
    }

    private interface MailWork<T> {
        T run() throws MessagingException, IOException;
    }

    // ---------------------------------------------------------------- inbound

    void startPolling() {
        java.lang.Thread t = new java.lang.Thread(() -> {
            while (running) {
                try {
                    pollOnce();
                } catch (MessagingException | IOException | RuntimeException e) {
                    LOG.warn("{}: mailbox poll failed: {}", settings.channelId(), e.toString());
                }
                try {
                    java.lang.Thread.sleep(settings.pollSeconds() * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pishkhan-mail-" + settings.channelId());
        t.setDaemon(true);
        poller = t;
        t.start();
    }

    /** One poll: every unseen mail of the folder. Returns how many were stored as customers' messages. */
    int pollOnce() throws MessagingException, IOException {
        return withLoader(() -> {
            int stored = 0;
            Store store = session().getStore();
            store.connect(settings.imapUser(), settings.imapPassword());
            try {
                Folder folder = store.getFolder(settings.folder());
                folder.open(Folder.READ_WRITE);
                try {
                    for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                        if (!running) {
                            break;
                        }
                        if (take((MimeMessage) m)) {
                            stored++;
                        }
                    }
                } finally {
                    folder.close(false);
                }
            } finally {
                store.close();
            }
            return stored;
        });
    }

    /** One mail: true when stored as a customer's message. Leaves it unseen only when the core could not store it. */
    private boolean take(MimeMessage m) throws MessagingException {
        ParsedMail p;
        try {
            // a local copy of the raw message (one fetch of BODY.PEEK[]): parsed here, not by the server's
            // BODYSTRUCTURE, so a broken MIME structure fails this mail only
            p = parser.parse(new MimeMessage(m));
        } catch (MessagingException | IOException | RuntimeException e) {
            LOG.error("{}: mail {} cannot be read ({}); it stays in the mailbox, flagged seen", settings.channelId(),
                    safeId(m), e.toString());
            m.setFlag(Flags.Flag.SEEN, true);
            return false;
        }
        ConversationService cs = conversations.get();
        if (cs == null) {
            return false; // the core is not there: next poll
        }
        switch (p.kind()) {
            case AUTO_REPLY -> {
                LOG.info("{}: auto-reply from {} ignored", settings.channelId(), p.from());
                m.setFlag(Flags.Flag.SEEN, true);
                return false;
            }
            case BOUNCE -> {
                if (p.bouncedMessage() != null) {
                    cs.deliveryReport(p.bouncedMessage(), false, p.diagnostic());
                }
                LOG.info("{}: bounce ({}) for message {}", settings.channelId(), p.diagnostic(), p.bouncedMessage());
                m.setFlag(Flags.Flag.SEEN, true);
                return false;
            }
            default -> {
            }
        }
        if (p.from() == null || p.text().isBlank() && p.attachments().isEmpty()) {
            LOG.info("{}: mail {} without a sender or content skipped", settings.channelId(), safeId(m));
            m.setFlag(Flags.Flag.SEEN, true);
            return false;
        }
        Map<String, String> attrs = new HashMap<>();
        if (p.subject() != null) {
            attrs.put(InboundMessage.ATTR_SUBJECT, p.subject());
        }
        if (p.threadId() != null) {
            attrs.put(InboundMessage.ATTR_THREAD, p.threadId());
        }
        if (p.html() != null) {
            attrs.put("html", p.html());
        }
        String text = p.text().isBlank() ? "[" + p.attachments().size() + " attachment(s)]" : p.text();
        if (text.length() > InboundMessage.MAX_TEXT_LENGTH) {
            text = text.substring(0, InboundMessage.MAX_TEXT_LENGTH - 20) + "\n[... shortened]";
        }
        io.pishkhan.api.conversation.Receipt r;
        try {
            r = cs.receive(new InboundMessage(settings.channelId(), p.from(), p.fromName(), text, p.messageId(), attrs,
                    p.attachments()));
        } catch (IllegalArgumentException e) { // InvalidMessageException: it will never be taken
            LOG.warn("{}: mail {} refused: {}", settings.channelId(), safeId(m), e.getMessage());
            m.setFlag(Flags.Flag.SEEN, true);
            return false;
        } catch (RuntimeException e) {
            LOG.warn("{}: mail {} not stored, next poll: {}", settings.channelId(), safeId(m), e.toString());
            return false; // stays unseen
        }
        threads.put(r.conversationId(), new Thread(p.subject(), p.messageId()));
        m.setFlag(Flags.Flag.SEEN, true);
        return !r.duplicate();
    }

    private static String safeId(MimeMessage m) {
        try {
            return String.valueOf(m.getMessageID());
        } catch (MessagingException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- outbound

    @Override
    public void deliver(OutboundMessage out) throws ChannelException {
        try {
            withLoader(() -> {
                Session s = session();
                String id = "<pk." + out.conversationId() + "." + out.messageId() + "@" + settings.domain() + ">";
                MimeMessage m = new MimeMessage(s) {
                    @Override
                    protected void updateMessageID() throws MessagingException {
                        setHeader("Message-ID", id);
                    }
                };
                m.setFrom(from());
                m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(out.address(), true));
                Thread t = threads.get(out.conversationId());
                String subject = t == null || t.subject() == null ? "Re: your message"
                        : t.subject().regionMatches(true, 0, "Re:", 0, 3) ? t.subject() : "Re: " + t.subject();
                m.setSubject(subject, "UTF-8");
                if (t != null && t.lastMessageId() != null) {
                    m.setHeader("In-Reply-To", t.lastMessageId());
                    m.setHeader("References", t.lastMessageId());
                }
                m.setHeader("Auto-Submitted", "no");
                String text = out.text();
                if (!out.quickReplies().isEmpty()) {
                    text += "\n\n" + String.join("\n", out.quickReplies());
                }
                m.setText(text, "UTF-8");
                m.saveChanges();
                Transport.send(m, settings.smtpUser().isBlank() ? null : settings.smtpUser(),
                        settings.smtpUser().isBlank() ? null : settings.smtpPassword());
                return null;
            });
        } catch (SendFailedException e) {
            Address[] invalid = e.getInvalidAddresses();
            boolean permanent = invalid != null && invalid.length > 0;
            throw new ChannelException("mail to " + out.address() + " not sent: " + e.getMessage(), !permanent, e);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new ChannelException("not a mail address: " + out.address(), false, e);
        } catch (MessagingException | IOException e) {
            throw new ChannelException("the SMTP server cannot take the mail: " + e.getMessage(), true, e);
        }
    }

    private InternetAddress from() throws UnsupportedEncodingException, jakarta.mail.internet.AddressException {
        InternetAddress a = new InternetAddress(settings.fromAddress(), true);
        if (!settings.fromName().isBlank()) {
            a.setPersonal(settings.fromName(), "UTF-8");
        }
        return a;
    }

    @Deactivate
    void deactivate() {
        running = false;
        java.lang.Thread t = poller;
        if (t != null) {
            t.interrupt();
        }
    }
}
