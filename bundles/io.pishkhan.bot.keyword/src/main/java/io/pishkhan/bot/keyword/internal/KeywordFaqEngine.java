package io.pishkhan.bot.keyword.internal;

import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.BotRequest;
import io.pishkhan.api.bot.ChatbotEngine;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chatbot engine {@value #ID}: answers frequently asked questions from configured keywords, in Persian or English,
 * and hands the conversation to a person when it has no answer or the customer asks for one.
 *
 * <p>Per message: the text is normalized ({@link TextNormalizer}) into words; if it contains a handoff phrase the
 * bot hands off with reason {@value #REASON_CUSTOMER_REQUEST}; otherwise the FAQ entry whose keywords cover most
 * words answers when it covers at least {@code minScore} of them, else the bot hands off with reason
 * {@value #REASON_NO_MATCH}. Replies are in the customer's language: Persian when the message holds any
 * Arabic-script letter, else English. Configuration changes ({@code etc/io.pishkhan.bot.keyword.cfg}) apply to the
 * next message without a restart.
 */
@Component(service = ChatbotEngine.class, name = KeywordFaqEngine.PID, configurationPid = KeywordFaqEngine.PID,
        property = ChatbotEngine.PROP_ENGINE_ID + "=" + KeywordFaqEngine.ID)
@Designate(ocd = KeywordFaqConfig.class)
public class KeywordFaqEngine implements ChatbotEngine {
    static final String ID = "keyword-faq";
    static final String PID = "io.pishkhan.bot.keyword";

    static final String REASON_NO_MATCH = "no-match";
    static final String REASON_CUSTOMER_REQUEST = "customer-request";
    /** Reply data key of the handoff reason, as {@link BotReply#handoff} writes it. */
    static final String DATA_HANDOFF_REASON = "handoff.reason";
    /** Reply data key of the customer's detected language ({@code fa} or {@code en}), useful to route by skill. */
    static final String DATA_LANGUAGE = "language";

    private static final Logger LOG = LoggerFactory.getLogger(KeywordFaqEngine.class);

    private volatile FaqSettings settings;

    @Activate
    public KeywordFaqEngine(KeywordFaqConfig config, Map<String, Object> properties) {
        apply(config, properties, "activated");
    }

    @Modified
    void modified(KeywordFaqConfig config, Map<String, Object> properties) {
        apply(config, properties, "reconfigured");
    }

    private void apply(KeywordFaqConfig config, Map<String, Object> properties, String what) {
        FaqSettings next = FaqSettings.from(config, properties);
        for (String problem : next.problems()) {
            LOG.warn("{}: {}", PID, problem);
        }
        if (next.repairedEncoding()) {
            LOG.warn("{}: configuration text was UTF-8 read as ISO-8859-1 and has been repaired; set "
                    + "felix.fileinstall.configEncoding=UTF-8 in etc/custom.properties", PID);
        }
        LOG.info("{} {}: {} FAQ entries {}, {} handoff phrases, minScore {}", ID, what, next.entries().size(),
                next.entries().stream().map(FaqSettings.Entry::id).toList(), next.handoffPhraseCount(),
                next.minScore());
        settings = next;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public BotReply reply(BotRequest request) {
        FaqSettings current = settings;
        String text = request == null || request.message() == null ? "" : request.message().text();
        String language = TextNormalizer.language(text);
        List<String> words = TextNormalizer.tokens(text);
        FaqSettings.Match match = current.bestMatch(words);
        boolean sure = match != null && match.score() >= current.minScore();
        if (current.asksForPerson(words)) {
            // keep what the customer asked about, if clear, so the agent sees the topic
            return handoff(current, language, sure ? match : null, REASON_CUSTOMER_REQUEST);
        }
        if (sure) {
            return BotReply.answer(match.entry().answer(language), match.entry().id(), match.confidence());
        }
        return handoff(current, language, null, REASON_NO_MATCH);
    }

    private static BotReply handoff(FaqSettings current, String language, FaqSettings.Match topic, String reason) {
        return new BotReply(BotReply.Outcome.HANDOFF, current.handoffText(language),
                topic == null ? null : topic.entry().id(), topic == null ? 0 : topic.confidence(),
                Map.of(DATA_HANDOFF_REASON, reason, DATA_LANGUAGE, language), List.of());
    }
}
