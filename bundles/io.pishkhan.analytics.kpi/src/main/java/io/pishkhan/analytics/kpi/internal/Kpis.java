package io.pishkhan.analytics.kpi.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KPIs of one group (dimension value and time bucket). Durations are in seconds; rates are shares 0..1.
 * A {@code null} average or rate means "no data" (its denominator is zero). See the README for the formulas.
 */
public record Kpis(
        long conversations,
        long queued,
        long answered,
        long abandoned,
        Double averageSpeedOfAnswer,
        Double serviceLevel,
        Double abandonmentRate,
        Double firstResponseTime,
        Double botFirstResponseTime,
        Double averageHandlingTime,
        long resolved,
        Double resolutionTime,
        long fcrEligible,
        long firstContactResolved,
        Double firstContactResolutionRate,
        Double botContainmentRate,
        Double handoffRate,
        long surveys,
        Double csatAverage,
        Double csatSatisfiedShare,
        long transfers,
        Double transfersPerConversation) {

    /** Plain map for {@code snapshot()}: counts as {@link Long}, averages and rates as {@link Double} or null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conversations", conversations);
        m.put("queued", queued);
        m.put("answered", answered);
        m.put("abandoned", abandoned);
        m.put("asaSeconds", averageSpeedOfAnswer);
        m.put("serviceLevel", serviceLevel);
        m.put("abandonmentRate", abandonmentRate);
        m.put("firstResponseSeconds", firstResponseTime);
        m.put("botFirstResponseSeconds", botFirstResponseTime);
        m.put("ahtSeconds", averageHandlingTime);
        m.put("resolved", resolved);
        m.put("resolutionSeconds", resolutionTime);
        m.put("fcrEligible", fcrEligible);
        m.put("fcrResolved", firstContactResolved);
        m.put("fcrRate", firstContactResolutionRate);
        m.put("botContainmentRate", botContainmentRate);
        m.put("handoffRate", handoffRate);
        m.put("surveys", surveys);
        m.put("csatAverage", csatAverage);
        m.put("csatSatisfiedShare", csatSatisfiedShare);
        m.put("transfers", transfers);
        m.put("transfersPerConversation", transfersPerConversation);
        return m;
    }
}
