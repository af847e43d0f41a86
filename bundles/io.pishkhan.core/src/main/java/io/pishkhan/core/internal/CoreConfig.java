package io.pishkhan.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the conversation pipeline (PID {@code io.pishkhan.core}). */
@ObjectClassDefinition(name = "Pishkhan core pipeline",
        description = "Which chatbot engine and routing strategy serve conversations, and how the pipeline runs.")
public @interface CoreConfig {
    String PID = "io.pishkhan.core";

    @AttributeDefinition(name = "Chatbot engine", description = "pishkhan.bot.id of the engine that answers first; "
            + "when it is not installed the highest-ranked engine answers, with none conversations go to an agent.")
    String bot_engine() default "keyword-faq";

    @AttributeDefinition(name = "Routing strategy", description = "Preferred pishkhan.routing.id; when it is not "
            + "installed another installed strategy takes over.")
    String routing_strategy() default "round-robin";

    @AttributeDefinition(name = "Default queue", description = "Queue of handed-off conversations when the bot names none.")
    String routing_defaultQueue() default "general";

    @AttributeDefinition(name = "Offer timeout (s)", description = "An agent who neither accepts nor declines an offer "
            + "in this time loses it; it goes to the next agent. 0 assigns without asking the agent.", min = "0", max = "3600")
    int routing_offerTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Dispatch period (ms)", description = "How often waiting conversations are offered again.", min = "100", max = "60000")
    long dispatch_periodMillis() default 2000;

    @AttributeDefinition(name = "Partitions", description = "Parallel inbound lanes; one conversation always uses the "
            + "same lane so its messages stay in order. Applies when the core restarts.", min = "1", max = "64")
    int pipeline_partitions() default 4;

    @AttributeDefinition(name = "Queue size", description = "Messages waiting per lane before new ones are left to recovery.", min = "10")
    int pipeline_queueSize() default 10000;

    @AttributeDefinition(name = "Concurrent stores", description = "Channel threads storing inbound messages at the "
            + "same time; more wait. Many more than the database can use only makes them fight over locks. Applies "
            + "when the core restarts.", min = "1", max = "256")
    int pipeline_maxConcurrentReceives() default 6;

    @AttributeDefinition(name = "Store wait (ms)", description = "How long a channel thread waits for its turn before "
            + "the channel is told the appliance is busy (nothing stored; the sender retries).", min = "0", max = "60000")
    long pipeline_receiveWaitMillis() default 2000;

    @AttributeDefinition(name = "Hold replies for an absent channel (minutes)", description = "A reply to a channel "
            + "whose plugin is stopped or being swapped waits this long for it and is delivered, in order, as soon as "
            + "it is back; after that it is DELIVERY_FAILED (reason channel-absent). 0: no waiting (3 retries, then "
            + "DELIVERY_FAILED).", min = "0", max = "10080")
    int delivery_holdMinutes() default 60;

    @AttributeDefinition(name = "Hold messages for an absent chatbot engine (minutes)", description = "While the "
            + "configured engine (or every engine) is stopped or being swapped, customers' messages wait this long "
            + "for it and are answered as soon as it is back; after that the selected engine (or an agent) takes "
            + "them. An engine never installed since the core started makes nobody wait. 0: no waiting.",
            min = "0", max = "1440")
    int bot_holdMinutes() default 10;

    @AttributeDefinition(name = "Assigned notice (English)")
    String notice_assigned_en() default "{agent} has joined the conversation.";

    @AttributeDefinition(name = "Assigned notice (Persian)")
    String notice_assigned_fa() default "{agent} به گفتگو پیوست.";

    @AttributeDefinition(name = "Queued notice (English)")
    String notice_queued_en() default "All our agents are busy. Please stay here: you are in the queue and will be answered soon.";

    @AttributeDefinition(name = "Queued notice (Persian)")
    String notice_queued_fa() default "همه کارشناسان ما مشغول هستند. لطفاً منتظر بمانید، در صف هستید و به زودی پاسخ می‌گیرید.";

    @AttributeDefinition(name = "Blocked notice (English)", description = "Sent to a blacklisted sender whose entry has no message of its own.")
    String notice_blocked_en() default "We cannot take your message on this channel. Please contact us through our branches.";

    @AttributeDefinition(name = "Blocked notice (Persian)")
    String notice_blocked_fa() default "امکان دریافت پیام شما از این راه وجود ندارد. لطفاً از طریق شعبه‌ها با ما در تماس باشید.";

    @AttributeDefinition(name = "Closed notice (English)", description = "Sent outside a queue's business hours when its schedule has no message.")
    String notice_closed_en() default "We are closed now. Your message is kept and an agent will answer as soon as we open.";

    @AttributeDefinition(name = "Closed notice (Persian)")
    String notice_closed_fa() default "اکنون خارج از ساعت کاری هستیم. پیام شما ثبت شد و کارشناسان ما در اولین فرصت پس از شروع ساعت کاری پاسخ می‌دهند.";

    @AttributeDefinition(name = "Satisfaction survey", description = "Ask the customer to rate the conversation (1-5) "
            + "on the same channel when an agent resolves it (not for abandoned or bot-only conversations).")
    boolean survey_enabled() default true;

    @AttributeDefinition(name = "Survey answer window (minutes)", description = "The customer's messages on that "
            + "channel within this time after the survey are its answers (a score, then a comment) instead of a new "
            + "conversation.", min = "1", max = "10080")
    int survey_timeoutMinutes() default 30;

    @AttributeDefinition(name = "Survey question (Persian)", description = "Sent with the quick replies 1..5.")
    String survey_question_fa() default "از این گفتگو چقدر راضی بودید؟ لطفاً عددی از ۱ (ناراضی) تا ۵ (کاملاً راضی) بفرستید.";

    @AttributeDefinition(name = "Survey question (English)")
    String survey_question_en() default "How satisfied were you with this conversation? Please reply with a number from 1 (not at all) to 5 (very).";

    @AttributeDefinition(name = "Survey thanks (Persian)", description = "Answer to a score; invites a comment.")
    String survey_thanks_fa() default "از امتیاز شما سپاسگزاریم! اگر مایلید، نظر خود را درباره این گفتگو بنویسید.";

    @AttributeDefinition(name = "Survey thanks (English)")
    String survey_thanks_en() default "Thank you for your rating! If you like, write us a comment about this conversation.";

    @AttributeDefinition(name = "Survey comment thanks (Persian)", description = "Answer to the comment.")
    String survey_commentThanks_fa() default "نظر شما ثبت شد. سپاسگزاریم.";

    @AttributeDefinition(name = "Survey comment thanks (English)")
    String survey_commentThanks_en() default "Your comment has been recorded. Thank you.";
}
