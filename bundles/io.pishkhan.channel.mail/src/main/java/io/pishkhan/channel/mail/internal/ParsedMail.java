package io.pishkhan.channel.mail.internal;

import io.pishkhan.api.channel.Attachment;
import java.util.List;

/**
 * What a received mail means for the appliance.
 *
 * @param kind           MESSAGE (a customer's mail), AUTO_REPLY (ignored), BOUNCE (a delivery failure report)
 * @param threadId       the conversation id when it answers a mail the appliance sent, else null
 * @param bouncedMessage for a bounce of a mail the appliance sent: that message's id, else null
 * @param html           the sanitised HTML when the mail had HTML, else null
 */
record ParsedMail(Kind kind, String from, String fromName, String subject, String messageId, String text,
        String html, List<Attachment> attachments, String threadId, String bouncedMessage, String diagnostic) {
    enum Kind { MESSAGE, AUTO_REPLY, BOUNCE }
}
