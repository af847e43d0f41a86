package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Message;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.time.ZoneId;
import java.util.Locale;

/** Read-only transcript of an earlier conversation of the customer ("history-dialog", "history-transcript"). */
final class HistoryDialog {
    private HistoryDialog() {
    }

    static void open(ConversationService service, Conversation c, Locale locale, ZoneId zone) {
        Dialog d = new Dialog();
        d.setId("history-dialog");
        d.setHeaderTitle(c.channel() + " · " + Dates.format(c.createdAt(), zone, ConsoleI18N.isPersian(locale)) + " · "
                + ConsoleI18N.translate("state." + c.state().name(), locale));
        Div transcript = Messages.transcriptBox("history-transcript");
        transcript.setWidth("min(640px, 90vw)");
        transcript.setHeight("60vh");
        for (Message m : service.transcript(c.id())) {
            transcript.add(Messages.render(m, locale, zone, "history-message-"));
        }
        d.add(transcript);
        Button close = new Button(ConsoleI18N.translate("close", locale), e -> d.close());
        close.setId("history-close");
        d.getFooter().add(close);
        d.open();
    }
}
