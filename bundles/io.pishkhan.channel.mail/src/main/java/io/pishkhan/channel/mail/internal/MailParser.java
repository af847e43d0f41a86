package io.pishkhan.channel.mail.internal;

import io.pishkhan.api.channel.Attachment;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/** Turns a MIME message into a {@link ParsedMail}: text, sanitised HTML, attachments, thread, auto-reply, bounce. */
final class MailParser {
    /** The Message-IDs the appliance gives its mails: {@code <pk.<conversation>.<message>@<domain>>}. */
    static final Pattern OURS = Pattern.compile("<pk\\.([A-Za-z0-9-]+)\\.([A-Za-z0-9-]+)@[^>\\s]+>");
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "(?m)^(On .{1,200} wrote:|در تاریخ .{1,200} نوشت:|-{2,} ?Original Message ?-{2,}|From: .{1,200}\\R(Sent|Date): .*)\\s*$");
    static final int MAX_HTML = 100_000;

    private final long maxAttachmentBytes;
    private final int maxAttachments;

    MailParser(long maxAttachmentBytes, int maxAttachments) {
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.maxAttachments = maxAttachments;
    }

    ParsedMail parse(MimeMessage m) throws MessagingException, IOException {
        InternetAddress from = firstFrom(m);
        String address = from == null ? null : from.getAddress().strip().toLowerCase(Locale.ROOT);
        String name = from == null ? null : from.getPersonal();
        String subject = m.getSubject();
        String messageId = m.getMessageID();
        if (isBounce(m, address)) {
            String raw = rawText(m);
            Matcher our = OURS.matcher(raw);
            return new ParsedMail(ParsedMail.Kind.BOUNCE, address, name, subject, messageId, null, null, List.of(),
                    null, our.find() ? our.group(2) : null, diagnostic(raw));
        }
        if (isAutoReply(m)) {
            return new ParsedMail(ParsedMail.Kind.AUTO_REPLY, address, name, subject, messageId, null, null,
                    List.of(), null, null, null);
        }
        Content c = new Content();
        walk(m, c);
        String text = c.plain != null ? c.plain : c.html != null ? htmlToText(c.html) : "";
        text = stripQuoted(text).strip();
        if (!c.notes.isEmpty()) {
            text = (text + "\n\n" + String.join("\n", c.notes)).strip();
        }
        String html = c.html == null ? null : sanitise(c.html);
        if (html != null && html.length() > MAX_HTML) {
            html = null;
        }
        return new ParsedMail(ParsedMail.Kind.MESSAGE, address, name, subject, messageId, text, html,
                List.copyOf(c.attachments), thread(m), null, null);
    }

    private static InternetAddress firstFrom(MimeMessage m) throws MessagingException {
        Address[] from;
        try {
            from = m.getFrom();
        } catch (MessagingException e) {
            return null; // a malformed From header
        }
        if (from == null) {
            return null;
        }
        for (Address a : from) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
                return ia;
            }
        }
        return null;
    }

    /** The conversation a reply continues: a Message-ID of ours in In-Reply-To or References. */
    static String thread(MimeMessage m) throws MessagingException {
        for (String h : new String[] {"In-Reply-To", "References"}) {
            String[] v = m.getHeader(h);
            if (v != null) {
                for (String s : v) {
                    Matcher our = OURS.matcher(s);
                    if (our.find()) {
                        return our.group(1);
                    }
                }
            }
        }
        return null;
    }

    static boolean isAutoReply(MimeMessage m) throws MessagingException {
        String auto = first(m, "Auto-Submitted");
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (first(m, "X-Autoreply") != null || first(m, "X-Autorespond") != null
                || first(m, "X-Auto-Response-Suppress") != null) {
            return true;
        }
        String precedence = first(m, "Precedence");
        return precedence != null && precedence.strip().toLowerCase(Locale.ROOT)
                .matches("bulk|auto_reply|junk|list");
    }

    static boolean isBounce(MimeMessage m, String from) throws MessagingException {
        String ct = m.getContentType() == null ? "" : m.getContentType().toLowerCase(Locale.ROOT);
        if (ct.startsWith("multipart/report") && ct.contains("delivery-status")) {
            return true;
        }
        return from != null && (from.startsWith("mailer-daemon@") || from.startsWith("postmaster@"));
    }

    private static String first(MimeMessage m, String header) throws MessagingException {
        String[] v = m.getHeader(header);
        return v == null || v.length == 0 ? null : v[0];
    }

    private static String diagnostic(String raw) {
        Matcher d = Pattern.compile("(?im)^Diagnostic-Code:\\s*(.+)$").matcher(raw);
        if (d.find()) {
            return d.group(1).strip();
        }
        Matcher s = Pattern.compile("(?im)^Status:\\s*(.+)$").matcher(raw);
        return s.find() ? "status " + s.group(1).strip() : "bounced";
    }

    /** The whole message as text (for bounce reports): its bytes as UTF-8, at most 1 MB. */
    private static String rawText(MimeMessage m) throws MessagingException, IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        byte[] b = out.toByteArray();
        return new String(b, 0, Math.min(b.length, 1 << 20), StandardCharsets.UTF_8);
    }

    private static final class Content {
        String plain;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }

    private void walk(Part p, Content c) throws MessagingException, IOException {
        String type = p.getContentType() == null ? "text/plain" : p.getContentType();
        ContentType ct;
        try {
            ct = new ContentType(type);
        } catch (MessagingException e) {
            ct = new ContentType("application/octet-stream");
        }
        String base = ct.getBaseType().toLowerCase(Locale.ROOT);
        String disposition = p.getDisposition();
        String fileName = fileName(p);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition)
                || (fileName != null && !base.startsWith("multipart/"));
        if (base.startsWith("multipart/")) {
            Object content = p.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart part = mp.getBodyPart(i);
                    walk(part, c);
                }
            }
            return;
        }
        if (attachment) {
            keep(p, fileName == null ? "attachment" : fileName, base, c);
            return;
        }
        if (base.equals("text/plain") && c.plain == null) {
            c.plain = text(p, ct);
        } else if (base.equals("text/html") && c.html == null) {
            c.html = text(p, ct);
        }
    }

    private static String fileName(Part p) {
        try {
            String n = p.getFileName();
            return n == null ? null : MimeUtility.decodeText(n);
        } catch (MessagingException | IOException e) {
            return "attachment";
        }
    }

    private void keep(Part p, String name, String type, Content c) throws MessagingException, IOException {
        if (c.attachments.size() >= maxAttachments) {
            c.notes.add("[attachment " + name + " not kept: more than " + maxAttachments + " attachments]");
            return;
        }
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAttachmentBytes + 1));
        }
        if (bytes.length > maxAttachmentBytes) {
            c.notes.add("[attachment " + name + " not kept: larger than " + (maxAttachmentBytes >= 1024 * 1024
                    ? maxAttachmentBytes / (1024 * 1024) + " MB" : maxAttachmentBytes / 1024 + " KB") + "]");
            return;
        }
        c.attachments.add(new Attachment(name, type, bytes));
    }

    /**
     * A text part in its declared charset; when the charset is unknown or the bytes are not valid in it: UTF-8,
     * else windows-1256 (Persian mail from older Windows clients), never an exception.
     */
    static String text(Part p, ContentType ct) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String declared = ct.getParameter("charset");
        if (declared != null) {
            try {
                Charset cs = Charset.forName(MimeUtility.javaCharset(declared.strip()));
                String s = strict(bytes, cs);
                if (s != null) {
                    return s;
                }
            } catch (IllegalArgumentException e) {
                // unknown charset name: fall through
            }
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, Charset.forName("windows-1256"));
    }

    private static String strict(byte[] bytes, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Safe HTML for display: no scripts, styles, event handlers or remote images. */
    static String sanitise(String html) {
        return Jsoup.clean(html, Safelist.basic());
    }

    /** The text of an HTML mail with its line structure. */
    static String htmlToText(String html) {
        Document d = Jsoup.parse(sanitise(html));
        d.outputSettings(new Document.OutputSettings().prettyPrint(false));
        d.select("br").before("\\n");
        d.select("p, div, li, tr, h1, h2, h3").before("\\n\\n");
        String s = d.text().replace("\\n", "\n");
        return s.replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** The new part of a reply: quoted history ("On ... wrote:", "> " lines, forwarded headers) is cut off. */
    static String stripQuoted(String text) {
        Matcher h = QUOTE_HEADER.matcher(text);
        String kept = h.find() ? text.substring(0, h.start()) : text;
        StringBuilder out = new StringBuilder();
        for (String line : kept.split("\\R", -1)) {
            if (!line.startsWith(">")) {
                out.append(line).append('\n');
            }
        }
        String s = out.toString().strip();
        return s.isEmpty() ? text.strip() : s; // a mail that is all quote keeps its text
    }
}
