package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Renders transcript messages. The text always goes through {@code setText} (a DOM text node: markup a customer
 * sends is shown, never interpreted) with {@code dir=auto}, so each Persian line runs right-to-left and each English
 * line left-to-right whatever the console language.
 */
final class Messages {
    private Messages() {
    }

    static Component render(Message m, Locale locale, ZoneId zone, String idPrefix) {
        Div box = new Div();
        box.setId(idPrefix + m.id());
        boolean note = m.direction() == Direction.INTERNAL;
        box.addClassNames("pk-msg", "pk-msg-" + (note ? "NOTE" : m.senderType().name()));
        box.getElement().setAttribute("data-sender", note ? "NOTE" : m.senderType().name());
        Span meta = new Span();
        meta.addClassName("pk-meta");
        String who = ConsoleI18N.translate(note ? "msg.note" : "sender." + m.senderType().name(), locale);
        // the customer's id is an internal key: show who wrote only for bots and agents
        String sender = m.senderId() == null || m.senderType() == io.pishkhan.api.model.SenderType.CUSTOMER
                ? "" : " " + m.senderId();
        meta.setText(who + sender + " · " + Dates.time(m.createdAt(), zone, ConsoleI18N.isPersian(locale)));
        meta.getElement().setAttribute("dir", "auto");
        Span text = new Span();
        text.addClassName("pk-text");
        text.setText(m.text());
        text.getElement().setAttribute("dir", "auto");
        box.add(meta, text);
        return box;
    }

    static Div transcriptBox(String id) {
        Div d = new Div();
        d.setId(id);
        d.addClassName("pk-transcript");
        d.getStyle().set("display", "flex").set("flex-direction", "column");
        return d;
    }

    /** A file size for people: bytes, KB or MB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
