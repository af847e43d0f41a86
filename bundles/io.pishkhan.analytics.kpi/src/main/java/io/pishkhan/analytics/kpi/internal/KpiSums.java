package io.pishkhan.analytics.kpi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Sums and counts of a group of conversations, from which {@link #kpis()} derives every KPI. Filled either from
 * {@link ConversationFacts} ({@link #add}) or from the SQL sums of the fact table ({@link #read}); both paths add up
 * the same per-conversation values, so in-memory and stored figures agree. Durations are summed in milliseconds.
 */
final class KpiSums {
    /**
     * The fact-table expressions, in the order {@link #read} expects them; each is summed (or, per conversation,
     * read as is). The column names are those of {@code analytics_conversation}.
     */
    static final List<String> COLUMNS = List.of("1", "is_queued", "is_answered", "is_abandoned", "asa_ms",
            "within_target", "frt_count", "frt_ms", "bot_frt_count", "bot_frt_ms", "aht_count", "aht_ms",
            "is_resolved", "resolution_ms", "fcr_eligible", "fcr_resolved", "handed_off", "agent_handled",
            "surveyed", "csat_score", "csat_satisfied", "transfers");

    /** The columns of {@code analytics_daily}, in {@link #COLUMNS} order. */
    static final List<String> DAILY_COLUMNS = java.util.stream.Stream.concat(java.util.stream.Stream.of(
            "conversations"), COLUMNS.stream().skip(1)).toList();

    long conversations;
    long queued;
    long answered;
    long abandoned;
    long asaMs;
    long withinTarget;
    long frtCount;
    long frtMs;
    long botFrtCount;
    long botFrtMs;
    long ahtCount;
    long ahtMs;
    long resolved;
    long resolutionMs;
    long fcrEligible;
    long fcr;
    long handedOff;
    long agentConversations;
    long surveys;
    long scoreSum;
    long satisfied;
    long transfers;

    /** Adds one conversation. */
    void add(ConversationFacts f, long targetSeconds, boolean firstContactResolved) {
        conversations++;
        queued += f.queued() ? 1 : 0;
        answered += f.answered() ? 1 : 0;
        abandoned += f.abandonedInQueue() ? 1 : 0;
        asaMs += nz(f.answerWaitMillis());
        withinTarget += f.withinTarget(targetSeconds) ? 1 : 0;
        frtCount += f.firstResponseMillis() != null ? 1 : 0;
        frtMs += nz(f.firstResponseMillis());
        botFrtCount += f.botFirstResponseMillis() != null ? 1 : 0;
        botFrtMs += nz(f.botFirstResponseMillis());
        ahtCount += f.handlingMillis() != null ? 1 : 0;
        ahtMs += nz(f.handlingMillis());
        resolved += f.resolved() ? 1 : 0;
        resolutionMs += nz(f.resolutionMillis());
        fcrEligible += f.fcrEligible() ? 1 : 0;
        fcr += f.fcrEligible() && firstContactResolved ? 1 : 0;
        handedOff += f.handedOff() ? 1 : 0;
        agentConversations += f.agentHandled() ? 1 : 0;
        Integer score = f.surveyScore();
        if (score != null) {
            surveys++;
            scoreSum += score;
            satisfied += score >= 4 ? 1 : 0;
        }
        transfers += f.transfers();
    }

    /** Adds the {@link #COLUMNS} values (sums or one conversation's values) read from {@code rs} at {@code first}. */
    void read(ResultSet rs, int first) throws SQLException {
        int i = first;
        conversations += rs.getLong(i++);
        queued += rs.getLong(i++);
        answered += rs.getLong(i++);
        abandoned += rs.getLong(i++);
        asaMs += rs.getLong(i++);
        withinTarget += rs.getLong(i++);
        frtCount += rs.getLong(i++);
        frtMs += rs.getLong(i++);
        botFrtCount += rs.getLong(i++);
        botFrtMs += rs.getLong(i++);
        ahtCount += rs.getLong(i++);
        ahtMs += rs.getLong(i++);
        resolved += rs.getLong(i++);
        resolutionMs += rs.getLong(i++);
        fcrEligible += rs.getLong(i++);
        fcr += rs.getLong(i++);
        handedOff += rs.getLong(i++);
        agentConversations += rs.getLong(i++);
        surveys += rs.getLong(i++);
        scoreSum += rs.getLong(i++);
        satisfied += rs.getLong(i++);
        transfers += rs.getLong(i);
    }

    /** The values in {@link #COLUMNS} order. */
    long[] values() {
        return new long[] {conversations, queued, answered, abandoned, asaMs, withinTarget, frtCount, frtMs,
            botFrtCount, botFrtMs, ahtCount, ahtMs, resolved, resolutionMs, fcrEligible, fcr, handedOff,
            agentConversations, surveys, scoreSum, satisfied, transfers};
    }

    /** Subtracts {@code a} (a fact row replaced or removed). */
    void subtract(KpiSums a) {
        long[] v = a.values();
        KpiSums neg = new KpiSums();
        neg.conversations = -v[0];
        neg.queued = -v[1];
        neg.answered = -v[2];
        neg.abandoned = -v[3];
        neg.asaMs = -v[4];
        neg.withinTarget = -v[5];
        neg.frtCount = -v[6];
        neg.frtMs = -v[7];
        neg.botFrtCount = -v[8];
        neg.botFrtMs = -v[9];
        neg.ahtCount = -v[10];
        neg.ahtMs = -v[11];
        neg.resolved = -v[12];
        neg.resolutionMs = -v[13];
        neg.fcrEligible = -v[14];
        neg.fcr = -v[15];
        neg.handedOff = -v[16];
        neg.agentConversations = -v[17];
        neg.surveys = -v[18];
        neg.scoreSum = -v[19];
        neg.satisfied = -v[20];
        neg.transfers = -v[21];
        merge(neg);
    }

    boolean isZero() {
        for (long v : values()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    void merge(KpiSums a) {
        conversations += a.conversations;
        queued += a.queued;
        answered += a.answered;
        abandoned += a.abandoned;
        asaMs += a.asaMs;
        withinTarget += a.withinTarget;
        frtCount += a.frtCount;
        frtMs += a.frtMs;
        botFrtCount += a.botFrtCount;
        botFrtMs += a.botFrtMs;
        ahtCount += a.ahtCount;
        ahtMs += a.ahtMs;
        resolved += a.resolved;
        resolutionMs += a.resolutionMs;
        fcrEligible += a.fcrEligible;
        fcr += a.fcr;
        handedOff += a.handedOff;
        agentConversations += a.agentConversations;
        surveys += a.surveys;
        scoreSum += a.scoreSum;
        satisfied += a.satisfied;
        transfers += a.transfers;
    }

    Kpis kpis() {
        return new Kpis(conversations, queued, answered, abandoned,
                seconds(asaMs, answered),
                ratio(withinTarget, answered + abandoned),
                ratio(abandoned, queued),
                seconds(frtMs, frtCount),
                seconds(botFrtMs, botFrtCount),
                seconds(ahtMs, ahtCount),
                resolved,
                seconds(resolutionMs, resolved),
                fcrEligible, fcr, ratio(fcr, fcrEligible),
                ratio(conversations - handedOff, conversations),
                ratio(handedOff, conversations),
                surveys, ratio(scoreSum, surveys), ratio(satisfied, surveys),
                transfers, ratio(transfers, agentConversations));
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static Double seconds(long sumMs, long den) {
        return den == 0 ? null : sumMs / 1000.0 / den;
    }

    private static Double ratio(double num, long den) {
        return den == 0 ? null : num / den;
    }
}
