package io.pishkhan.api.analytics;

/** Time buckets of KPI rows, cut in the query's time zone (weeks start on Saturday in Asia/Tehran, else Monday). */
public enum Bucket {
    HOUR,
    DAY,
    WEEK,
    MONTH,
    /** One bucket for the whole range (bucket start = the range start). */
    TOTAL
}
