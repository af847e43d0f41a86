package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Message;
import io.pishkhan.console.internal.logic.ReplyChannels;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The customer's whole history on every channel in one timeline ("timeline-dialog"), newest conversations first. */
final class TimelineDialog {
    static final int CONVERSATIONS = 30;

    private TimelineDialog() {
    }

    static void open(ConversationService service, String customerId, Locale locale, ZoneId zone) {
        List<Conversation> conversations = service.conversationsOfCustomer(customerId, CONVERSATIONS);
        Map<String, List<Message>> transcripts = new HashMap<>();
        for (Conversation c : conversations) {
            transcripts.put(c.id(), service.transcript(c.id()));
        }
        Dialog d = new Dialog();
        d.setId("timeline-dialog");
        d.setHeaderTitle(ConsoleI18N.translate("customer.timeline", locale));
        Div box = Messages.transcriptBox("timeline-transcript");
        box.setWidth("min(720px, 92vw)");
        box.setHeight("65vh");
        String lastChannel = null;
        for (ReplyChannels.Entry e : ReplyChannels.timeline(conversations, transcripts)) {
            if (!e.channel().equals(lastChannel)) {
                Span badge = new Span(e.channel());
                badge.addClassName("pk-label");
                badge.getElement().setAttribute("data-channel", e.channel());
                box.add(new Div(badge));
                lastChannel = e.channel();
            }
            box.add(Messages.render(e.message(), locale, zone, "timeline-message-"));
        }
        d.add(box);
        Button close = new Button(ConsoleI18N.translate("close", locale), ev -> d.close());
        close.setId("timeline-close");
        d.getFooter().add(close);
        d.open();
    }
}
