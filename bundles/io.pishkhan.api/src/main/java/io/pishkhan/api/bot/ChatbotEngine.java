package io.pishkhan.api.bot;

/**
 * Extension point: a chatbot engine, the first responder of every conversation.
 *
 * <p>A plugin registers an implementation as an OSGi service. The core asks the selected engine (configuration
 * {@code bot.engine} of the core, else the highest {@code service.ranking}) for every customer message while the
 * conversation is with the bot. An engine must:
 * <ul>
 * <li>answer in the customer's language when it is sure, with {@link BotReply#answer};</li>
 * <li>hand off with {@link BotReply#handoff} when it is unsure or the customer asks for a person, putting what it
 * learnt (intent, collected data) in the reply so the agent sees it;</li>
 * <li>be thread-safe, return quickly (well under a second) and never block on the network.</li>
 * </ul>
 * An exception counts as a handoff: the customer is never left without an answer.
 */
public interface ChatbotEngine {
    /** Short unique id, also published as service property {@value #PROP_ENGINE_ID}. */
    String id();

    BotReply reply(BotRequest request);

    String PROP_ENGINE_ID = "pishkhan.bot.id";
}
