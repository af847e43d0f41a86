package io.pishkhan.bot.assistant.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Typed part of configuration {@value AssistantEngine#PID}. Open-ended keys are read from the raw properties:
 * {@code route.<intent>.queue} / {@code route.<intent>.skills} (see {@link Settings}) and
 * {@code slots.order.<name>} / {@code slots.ticket.<name>} (see {@link SlotExtractorImpl}).
 */
@ObjectClassDefinition(id = AssistantEngine.PID, name = "Pishkhan assistant bot",
        description = "Chatbot engine 'assistant': slot-filling flows per intent, knowledge-base answers with "
                + "feedback, and handoffs that carry the reason, the slots, a summary and a suggested queue. "
                + "Routes per intent are keys route.<intent>.queue and route.<intent>.skills (e.g. cards:3); order "
                + "and ticket patterns are keys slots.order.<name> and slots.ticket.<name> (regular expressions "
                + "with a group 'id').")
public @interface AssistantConfig {
    @AttributeDefinition(name = "Handoff words",
            description = "Comma separated words or phrases by which a customer asks for a person (whole words).")
    String handoffWords() default "agent, human, operator, person, representative, اپراتور, کارشناس, آدم, پشتیبان, "
            + "انسان";

    @AttributeDefinition(name = "Handoff intents",
            description = "Comma separated intents that mean 'give me a person' (reason explicit-request).")
    String handoffIntents() default "agent.request";

    @AttributeDefinition(name = "Anger words",
            description = "Comma separated words or phrases that hand off at once (reason negative-sentiment).")
    String angerWords() default "افتضاح, شکایت, مسخره, لعنتی, کلاهبردار, کلاهبرداری, فاجعه, بی شعور, آشغال, "
            + "terrible, useless, awful, ridiculous, scam, worst, disgusting, pathetic, complaint";

    @AttributeDefinition(name = "Sentiment threshold", description = "A context value 'sentiment' (-1..1) below "
            + "this hands off (reason negative-sentiment). -1 (default) = off: only anger words hand off; set e.g. -0.8"
            + " once the sentiment model is trained on your own labelled messages.")
    double sentimentThreshold() default -1.0;

    @AttributeDefinition(name = "Minimum intent confidence", description = "An in-scope intent below this "
            + "confidence is treated as unknown.")
    double intentMinConfidence() default 0.5;

    @AttributeDefinition(name = "KB minimum score", description = "Absolute BM25 score the best passage needs "
            + "before the bot answers with it.")
    double kb_minScore() default 1.0;

    @AttributeDefinition(name = "KB minimum lead", description = "Relative threshold: the best passage must score "
            + "at least (1 + lead) times the second best (0: off).")
    double kb_minLead() default 0.0;

    @AttributeDefinition(name = "KB results", description = "Passages asked of the knowledge base per message.")
    int kb_limit() default 3;

    @AttributeDefinition(name = "Low-confidence turns", description = "Consecutive turns the bot did not "
            + "understand before it hands off (reason low-confidence); the turns before ask to rephrase.")
    int lowConfidenceTurns() default 2;

    @AttributeDefinition(name = "Flow retries", description = "Times a flow asks again after an invalid answer "
            + "before it hands off (reason flow-failed).")
    int flowRetries() default 1;

    @AttributeDefinition(name = "Action timeout cap (ms)", description = "Upper bound for a flow action's "
            + "timeoutMillis: the bot answers inside the customer's message turn.")
    int actionMaxTimeoutMillis() default 3000;

    @AttributeDefinition(name = "Summary length", description = "Maximum characters of handoff.summary.")
    int summaryMaxChars() default 300;

    @AttributeDefinition(name = "Default language", description = "Language of a message without letters "
            + "(e.g. only digits) when the conversation has none yet: fa or en.")
    String defaultLanguage() default "fa";

    @AttributeDefinition(name = "Handoff text (Persian)")
    String handoffText_fa() default "شما را به یکی از کارشناسان ما وصل می‌کنیم؛ لطفاً در همین گفتگو بمانید.";

    @AttributeDefinition(name = "Handoff text (English)")
    String handoffText_en() default "Let me connect you with one of our agents. Please stay in this chat.";

    @AttributeDefinition(name = "Rephrase text (Persian)")
    String rephraseText_fa() default "متوجه نشدم؛ لطفاً سؤالتان را به شکل دیگری بنویسید.";

    @AttributeDefinition(name = "Rephrase text (English)")
    String rephraseText_en() default "Sorry, I did not understand. Could you say it in other words?";

    @AttributeDefinition(name = "Invalid answer text (Persian)", description = "Put before the repeated question "
            + "of a flow.")
    String retryText_fa() default "این مقدار معتبر نیست.";

    @AttributeDefinition(name = "Invalid answer text (English)")
    String retryText_en() default "That does not look right.";

    @AttributeDefinition(name = "Read more (Persian)", description = "Put before the link of a knowledge-base answer.")
    String moreText_fa() default "بیشتر بخوانید:";

    @AttributeDefinition(name = "Read more (English)")
    String moreText_en() default "Read more:";

    @AttributeDefinition(name = "Helpful button (Persian)")
    String helpful_fa() default "👍 مفید بود";

    @AttributeDefinition(name = "Not helpful button (Persian)")
    String notHelpful_fa() default "👎 مفید نبود";

    @AttributeDefinition(name = "Helpful button (English)")
    String helpful_en() default "👍 helpful";

    @AttributeDefinition(name = "Not helpful button (English)")
    String notHelpful_en() default "👎 not helpful";

    @AttributeDefinition(name = "Thanks for helpful (Persian)")
    String thanksText_fa() default "ممنون از بازخورد شما! سؤال دیگری هست؟";

    @AttributeDefinition(name = "Thanks for helpful (English)")
    String thanksText_en() default "Thanks for your feedback! Anything else?";

    @AttributeDefinition(name = "Thanks for not helpful (Persian)")
    String sorryText_fa() default "ممنون که گفتید. سؤالتان را به شکل دیگری بنویسید یا بنویسید «کارشناس».";

    @AttributeDefinition(name = "Thanks for not helpful (English)")
    String sorryText_en() default "Thanks for telling us. Try other words, or type \"agent\" to talk to a person.";
}
