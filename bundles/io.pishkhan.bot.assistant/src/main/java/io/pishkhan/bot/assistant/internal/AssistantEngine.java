package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.BotRequest;
import io.pishkhan.api.bot.ChatbotEngine;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.kb.Passage;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.nlu.IntentPrediction;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.nlu.Slot;
import io.pishkhan.api.store.ConfigStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chatbot engine {@value #ID}. Per customer message, in this order:
 * <ol>
 * <li>the answer to the feedback buttons of the previous knowledge-base answer is recorded and thanked for;</li>
 * <li>a handoff word ({@code agent}, {@code اپراتور}...) hands off, reason {@value #EXPLICIT};</li>
 * <li>a context {@code sentiment} below the threshold or an anger word hands off, reason {@value #NEGATIVE};</li>
 * <li>a running flow continues (next question, action, answer; reason {@value #FLOW_FAILED} when it fails);</li>
 * <li>the intent service (optional) classifies: a handoff intent ({@code agent.request}) hands off, an in-scope
 * intent with a flow starts it;</li>
 * <li>the knowledge base (optional) is searched: a good enough passage is the answer, with its link and the buttons
 * helpful / not helpful;</li>
 * <li>an understood intent without flow or passage (or no intent service and no knowledge base at all) hands off,
 * reason {@value #NO_ANSWER}; otherwise the customer is asked to rephrase, and after
 * {@code lowConfidenceTurns} such turns in a row the bot hands off, reason {@value #LOW_CONFIDENCE}.</li>
 * </ol>
 * A handoff tells the agent what the bot learnt (context keys): {@code handoff.reason}, {@code handoff.intent},
 * {@code handoff.confidence}, {@code slot.<type>} for every slot found in the conversation, {@code handoff.summary}
 * (an extractive summary of the customer's words), the suggested {@code queue} and {@code skills} of the intent,
 * and {@code language}.
 */
@Component(service = ChatbotEngine.class, name = AssistantEngine.PID, configurationPid = AssistantEngine.PID,
        property = {ChatbotEngine.PROP_ENGINE_ID + "=" + AssistantEngine.ID, "service.ranking:Integer=100"})
@Designate(ocd = AssistantConfig.class)
public class AssistantEngine implements ChatbotEngine {
    static final String ID = "assistant";
    static final String PID = "io.pishkhan.bot.assistant";

    static final String EXPLICIT = "explicit-request";
    static final String LOW_CONFIDENCE = "low-confidence";
    static final String NEGATIVE = "negative-sentiment";
    static final String FLOW_FAILED = "flow-failed";
    static final String NO_ANSWER = "no-answer";

    static final String HANDOFF_REASON = "handoff.reason";
    static final String HANDOFF_INTENT = "handoff.intent";
    static final String HANDOFF_CONFIDENCE = "handoff.confidence";
    static final String HANDOFF_SUMMARY = "handoff.summary";
    static final String QUEUE = "queue";
    static final String SKILLS = "skills";
    static final String LANGUAGE = "language";
    static final String SENTIMENT = "sentiment";
    /** The article of the last knowledge-base answer, waiting for the customer's feedback (empty: none). */
    static final String KB_ARTICLE = "kb.article";
    static final String KB_FEEDBACK = "kb.feedback";
    /**
     * Reply data of a knowledge-base answer: its article id. Metadata of that one answer: the core copies it into
     * the BOT_ANSWERED event ({@code articleId}, what BOT_FEEDBACK on the answer reports) and keeps it out of the
     * conversation context.
     */
    static final String KB_ARTICLE_ID = "kb.articleId";
    /** Consecutive turns the bot did not understand. */
    static final String LOW_TURNS = "bot.lowConfidenceTurns";

    private static final Logger LOG = LoggerFactory.getLogger(AssistantEngine.class);

    private final FlowRepository flows;
    private final Action http;
    private volatile Settings settings;
    private volatile SlotExtractorImpl slots;
    private volatile CamelAction camelAction;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntentService intents;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile KnowledgeBase knowledgeBase;

    @Activate
    public AssistantEngine(@Reference ConfigStore store, AssistantConfig config, Map<String, Object> properties) {
        this(store, config, properties, new HttpAction());
    }

    AssistantEngine(ConfigStore store, AssistantConfig config, Map<String, Object> properties, Action http) {
        this.flows = new FlowRepository(store);
        this.http = http;
        apply(config, properties, "activated");
    }

    @Modified
    void modified(AssistantConfig config, Map<String, Object> properties) {
        apply(config, properties, "reconfigured");
    }

    private void apply(AssistantConfig config, Map<String, Object> properties, String what) {
        Settings next = Settings.from(config, properties);
        next.problems().forEach(p -> LOG.warn("{}: {}", PID, p));
        slots = new SlotExtractorImpl(properties);
        settings = next;
        LOG.info("{} {}: {} handoff words, {} anger words, {} routes, kb.minScore {}", ID, what,
                next.handoffWords().size(), next.angerWords().size(), next.routes().size(), next.kbMinScore());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCamel")
    void bindCamel(CamelContext camel) {
        CamelAction old = camelAction;
        camelAction = new CamelAction(camel);
        if (old != null) {
            old.close();
        }
    }

    void unbindCamel(CamelContext camel) {
        CamelAction current = camelAction;
        if (current != null && current.context() == camel) {
            camelAction = null;
            current.close();
        }
    }

    @Deactivate
    void deactivate() {
        CamelAction current = camelAction;
        camelAction = null;
        if (current != null) {
            current.close();
        }
    }

    void setIntentService(IntentService service) {
        this.intents = service;
    }

    void setKnowledgeBase(KnowledgeBase kb) {
        this.knowledgeBase = kb;
    }

    FlowRepository flows() {
        return flows;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public BotReply reply(BotRequest request) {
        Settings s = settings;
        Conversation conversation = request.conversation();
        Map<String, String> ctx = conversation == null ? Map.of() : conversation.context();
        String text = request.message() == null ? "" : request.message().text();
        String language = Optional.ofNullable(Text.language(text))
                .orElse(ctx.getOrDefault(LANGUAGE, s.defaultLanguage()));
        if (!language.equals(Text.PERSIAN) && !language.equals(Text.ENGLISH)) {
            language = s.defaultLanguage();
        }
        List<String> words = Text.tokens(text);
        Turn t = new Turn(request, ctx, text, words, language, s, new HashMap<>());
        t.data.put(LANGUAGE, language);
        for (Slot slot : slots.extract(text)) {
            t.data.put(FlowRunner.SLOT_OF_TYPE + slot.type(), slot.value());
        }

        String article = ctx.get(KB_ARTICLE);
        if (article != null && !article.isBlank()) {
            t.data.put(KB_ARTICLE, "");
            Boolean helpful = feedback(text, words, s);
            if (helpful != null) {
                return feedbackReply(t, article, helpful);
            }
        }
        if (Settings.containsAny(words, s.handoffWords())) {
            return handoff(t, EXPLICIT, topic(t));
        }
        Double sentiment = parseDouble(ctx.get(SENTIMENT));
        if ((sentiment != null && sentiment < s.sentimentThreshold()) || Settings.containsAny(words, s.angerWords())) {
            return handoff(t, NEGATIVE, topic(t));
        }
        FlowRunner runner = new FlowRunner(slots, new Actions(http, () -> camelAction));
        if (FlowRunner.active(ctx)) {
            String intent = ctx.get(FlowRunner.INTENT);
            Optional<Flow> flow = flows.find(intent);
            if (flow.isEmpty()) {
                FlowRunner.end(ctx, t.data);
                t.data.put(FlowRunner.ERROR, "flow " + intent + " no longer exists");
                return handoff(t, FLOW_FAILED, new Topic(intent, 0));
            }
            return step(t, flow.get(), runner.resume(flow.get(), text, language, ctx, s), 1.0);
        }
        if (words.isEmpty()) {
            return lowConfidence(t, null);
        }
        IntentPrediction p = classify(text, language);
        String intent = inScope(p, s) ? p.label() : null;
        if (intent != null && s.handoffIntents().contains(intent)) {
            return handoff(t, EXPLICIT, new Topic(intent, p.confidence()));
        }
        if (intent != null) {
            Optional<Flow> flow = flows.find(intent);
            if (flow.isPresent()) {
                return step(t, flow.get(), runner.start(flow.get(), text, language, ctx, s), p.confidence());
            }
        }
        KnowledgeBase kb = knowledgeBase;
        Optional<Passage> passage = kb == null ? Optional.empty() : search(kb, t);
        if (passage.isPresent()) {
            return kbAnswer(t, passage.get(), intent, intent == null ? 0 : p.confidence());
        }
        if (intent != null || (intents == null && kb == null)) {
            return handoff(t, NO_ANSWER, new Topic(intent, intent == null ? 0 : p.confidence()));
        }
        return lowConfidence(t, p);
    }

    /** The turn being answered. */
    private record Turn(BotRequest request, Map<String, String> ctx, String text, List<String> words,
            String language, Settings s, Map<String, String> data) {
    }

    /** What the conversation is about, for routing a handoff. */
    private record Topic(String intent, double confidence) {
    }

    private BotReply feedbackReply(Turn t, String article, boolean helpful) {
        KnowledgeBase kb = knowledgeBase;
        String conversationId = t.request().conversation() == null ? null : t.request().conversation().id();
        if (kb != null) {
            try {
                kb.feedback(article, conversationId, helpful);
            } catch (RuntimeException e) {
                LOG.warn("could not record feedback on article {} of conversation {}", article, conversationId, e);
            }
        }
        t.data().put(KB_FEEDBACK, article + (helpful ? ":helpful" : ":not-helpful"));
        if (helpful) {
            t.data().put(LOW_TURNS, "0");
            return answer(t, t.s().text("thanks", t.language()), null, 1.0, List.of());
        }
        int turns = parseInt(t.ctx().get(LOW_TURNS)) + 1;
        if (turns >= t.s().lowConfidenceTurns()) {
            return handoff(t, LOW_CONFIDENCE, topic(t));
        }
        t.data().put(LOW_TURNS, String.valueOf(turns));
        return answer(t, t.s().text("sorry", t.language()), null, 1.0, List.of());
    }

    /** True for the helpful button, false for not helpful, null for anything else. */
    private static Boolean feedback(String text, List<String> words, Settings s) {
        String raw = text == null ? "" : text.strip();
        for (String lang : List.of(Text.PERSIAN, Text.ENGLISH)) {
            if (Text.tokens(s.text("notHelpful", lang)).equals(words) && !words.isEmpty()) {
                return false;
            }
            if (Text.tokens(s.text("helpful", lang)).equals(words) && !words.isEmpty()) {
                return true;
            }
        }
        if (raw.equals("👍")) {
            return true;
        }
        if (raw.equals("👎")) {
            return false;
        }
        return null;
    }

    private BotReply step(Turn t, Flow flow, FlowRunner.Step step, double confidence) {
        t.data().putAll(step.data());
        if (step.kind() == FlowRunner.Kind.HANDOFF) {
            LOG.info("flow {} failed in conversation {}: {}", flow.intent(), conversationId(t), step.error());
            return handoff(t, FLOW_FAILED, new Topic(flow.intent(), confidence));
        }
        t.data().put(LOW_TURNS, "0");
        return answer(t, step.text(), flow.intent(), confidence, List.of());
    }

    private Optional<Passage> search(KnowledgeBase kb, Turn t) {
        List<Passage> found;
        try {
            String channel = t.request().conversation() == null ? null : t.request().conversation().channel();
            found = kb.search(t.text(), t.language(), channel, t.s().kbLimit());
        } catch (RuntimeException e) {
            LOG.warn("knowledge base search failed for conversation {}", conversationId(t), e);
            return Optional.empty();
        }
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        List<Passage> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> Double.compare(b.score(), a.score()));
        Passage best = sorted.get(0);
        if (best.score() < t.s().kbMinScore() || best.text() == null || best.text().isBlank()) {
            return Optional.empty();
        }
        if (sorted.size() > 1 && t.s().kbMinLead() > 0
                && best.score() < (1 + t.s().kbMinLead()) * sorted.get(1).score()) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    private BotReply kbAnswer(Turn t, Passage p, String intent, double intentConfidence) {
        String text = p.text().strip();
        if (p.link() != null && !p.link().isBlank()) {
            text = text + "\n" + t.s().text("more", t.language()) + " " + p.link().strip();
        }
        t.data().put(KB_ARTICLE, p.articleId());
        t.data().put(KB_ARTICLE_ID, p.articleId());
        t.data().put(LOW_TURNS, "0");
        double confidence = intent != null ? intentConfidence : p.score() / (p.score() + t.s().kbMinScore());
        return answer(t, text, intent, Math.max(0, Math.min(1, confidence)),
                List.of(t.s().text("helpful", t.language()), t.s().text("notHelpful", t.language())));
    }

    private BotReply lowConfidence(Turn t, IntentPrediction p) {
        int turns = parseInt(t.ctx().get(LOW_TURNS)) + 1;
        if (turns >= t.s().lowConfidenceTurns()) {
            String label = p == null ? null : p.label();
            return handoff(t, LOW_CONFIDENCE, new Topic(label, label == null ? 0 : p.confidence()));
        }
        t.data().put(LOW_TURNS, String.valueOf(turns));
        return answer(t, t.s().text("rephrase", t.language()), null, 0, List.of());
    }

    private static BotReply answer(Turn t, String text, String intent, double confidence, List<String> quickReplies) {
        return new BotReply(BotReply.Outcome.ANSWER, text, intent, clamp(confidence), t.data(), quickReplies);
    }

    /** The topic of a conversation handed off before the bot answered it: a classified intent, else the flow's. */
    private Topic topic(Turn t) {
        if (!t.words().isEmpty()) {
            IntentPrediction p = classify(t.text(), t.language());
            if (inScope(p, t.s()) && !t.s().handoffIntents().contains(p.label())) {
                return new Topic(p.label(), p.confidence());
            }
        }
        String flow = t.ctx().get(FlowRunner.INTENT);
        if (flow != null && !flow.isBlank()) {
            return new Topic(flow, 0);
        }
        Conversation c = t.request().conversation();
        return new Topic(c == null ? null : c.intent(), 0);
    }

    private BotReply handoff(Turn t, String reason, Topic topic) {
        Settings s = t.s();
        Map<String, String> data = t.data();
        if (FlowRunner.active(t.ctx())) {
            Map<String, String> ended = new HashMap<>();
            FlowRunner.end(t.ctx(), ended);
            ended.forEach(data::putIfAbsent);
        }
        String intent = topic.intent();
        data.put(HANDOFF_REASON, reason);
        data.put(HANDOFF_INTENT, intent == null ? "" : intent);
        data.put(HANDOFF_CONFIDENCE, String.format(Locale.ROOT, "%.2f", clamp(topic.confidence())));
        data.put(LOW_TURNS, "0");
        data.put(KB_ARTICLE, "");
        // every slot of the conversation: the transcript, then what earlier turns learnt, then this turn
        Map<String, String> found = new LinkedHashMap<>();
        List<String> customerText = new ArrayList<>();
        for (Message m : t.request().transcript()) {
            if (m.direction() == Direction.INBOUND && m.senderType() == SenderType.CUSTOMER) {
                customerText.add(m.text());
                for (Slot slot : slots.extract(m.text())) {
                    found.put(FlowRunner.SLOT_OF_TYPE + slot.type(), slot.value());
                }
            }
        }
        if (customerText.isEmpty() && !t.text().isBlank()) {
            customerText.add(t.text());
        }
        t.ctx().forEach((k, v) -> {
            if (k.startsWith(FlowRunner.SLOT_OF_TYPE) && v != null && !v.isBlank()) {
                found.put(k, v);
            }
        });
        found.forEach(data::putIfAbsent);
        List<List<String>> ignore = new ArrayList<>(s.handoffWords());
        for (String lang : List.of(Text.PERSIAN, Text.ENGLISH)) {
            ignore.add(Text.tokens(s.text("helpful", lang)));
            ignore.add(Text.tokens(s.text("notHelpful", lang)));
        }
        String summary = Summarizer.summarize(customerText, ignore, s.summaryMaxChars());
        if (!summary.isEmpty()) {
            data.put(HANDOFF_SUMMARY, summary);
        }
        Settings.Route route = s.route(intent);
        if (route != null && route.queue() != null) {
            data.put(QUEUE, route.queue());
        }
        if (route != null && route.skills() != null) {
            data.put(SKILLS, route.skills());
        }
        LOG.debug("handoff of conversation {}: {} (intent {})", conversationId(t), reason, intent);
        return new BotReply(BotReply.Outcome.HANDOFF, s.text("handoff", t.language()), intent,
                clamp(topic.confidence()), data, List.of());
    }

    private IntentPrediction classify(String text, String language) {
        IntentService service = intents;
        if (service == null) {
            return IntentPrediction.unknown();
        }
        try {
            IntentPrediction p = service.classify(text, language);
            return p == null ? IntentPrediction.unknown() : p;
        } catch (RuntimeException e) {
            LOG.warn("intent classification failed; treated as unknown", e);
            return IntentPrediction.unknown();
        }
    }

    private static boolean inScope(IntentPrediction p, Settings s) {
        return p != null && !p.outOfScope() && p.label() != null && !p.label().isBlank()
                && p.confidence() >= s.intentMinConfidence();
    }

    private static String conversationId(Turn t) {
        return t.request().conversation() == null ? null : t.request().conversation().id();
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static Double parseDouble(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseInt(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
