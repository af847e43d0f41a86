package io.pishkhan.bot.keyword.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Typed part of configuration {@value KeywordFaqEngine#PID}. The FAQ entries themselves are open-ended keys
 * ({@code faq.<id>.keywords}, {@code faq.<id>.answer.<lang>}) that metatype cannot describe; they are read from the
 * raw component properties, see {@link FaqSettings}.
 */
@ObjectClassDefinition(id = KeywordFaqEngine.PID, name = "Pishkhan keyword FAQ bot",
        description = "Answers frequently asked questions by keyword, in Persian and English, and hands the "
                + "conversation to an agent otherwise. FAQ entries are keys faq.<id>.keywords (comma separated "
                + "words or phrases) and faq.<id>.answer.fa / faq.<id>.answer.en (or faq.<id>.answer) in "
                + "etc/io.pishkhan.bot.keyword.cfg.")
public @interface KeywordFaqConfig {
    @AttributeDefinition(name = "Minimum score", min = "1",
            description = "Words of the message an entry's keywords must cover before the bot answers with it; "
                    + "below this the conversation is handed off (reason no-match).")
    int minScore() default 1;

    @AttributeDefinition(name = "Handoff phrases",
            description = "Comma separated words or phrases by which a customer asks for a person; any of them "
                    + "hands off at once (reason customer-request). Matched as whole words.")
    String handoffPhrases() default "agent, human, operator, person, representative, اپراتور, کارشناس, پشتیبان, انسان";

    @AttributeDefinition(name = "Handoff text (Persian)", description = "Told to a Persian-writing customer on handoff.")
    String handoffText_fa() default "شما را به یکی از کارشناسان ما وصل می‌کنیم. لطفاً در همین گفتگو بمانید.";

    @AttributeDefinition(name = "Handoff text (English)", description = "Told to other customers on handoff.")
    String handoffText_en() default "Let me connect you with one of our agents. Please stay in this chat.";
}
