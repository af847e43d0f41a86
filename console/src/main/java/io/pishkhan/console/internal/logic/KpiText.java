package io.pishkhan.console.internal.logic;

import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.KpiRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;

/**
 * How KPI values read on screen and in CSV. Counts as integers; {@code *Seconds} as durations (m:ss, h:mm:ss);
 * rates (0-1) as percentages with one decimal; CSAT as a 1-5 average with two decimals; {@code null} ("no data")
 * as a dash on screen and an empty CSV field. Persian uses Persian digits on screen; CSV always Latin digits and a
 * dot so spreadsheets read the numbers.
 */
public final class KpiText {
    /** Rates 0-1 shown as %. */
    public static final Set<String> RATES = Set.of("serviceLevel", "abandonmentRate", "fcrRate", "botContainmentRate",
            "handoffRate", "csatSatisfiedShare");

    private KpiText() {
    }

    public static boolean isSeconds(String name) {
        return name.endsWith("Seconds");
    }

    /** Lower values are better for these KPIs (waits, handling times, abandonment, transfers). */
    public static boolean lowerIsBetter(String name) {
        return isSeconds(name) || name.equals("abandonmentRate") || name.equals("abandoned")
                || name.startsWith("transfers");
    }

    public static String display(String name, Object value, boolean persian) {
        String s;
        if (!(value instanceof Number n)) {
            s = "—";
        } else if (isSeconds(name)) {
            s = duration(Math.round(n.doubleValue()));
        } else if (RATES.contains(name)) {
            s = String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100);
        } else if (name.equals("csatAverage")) {
            s = String.format(Locale.ROOT, "%.2f", n.doubleValue());
        } else if (name.equals("transfersPerConversation")) {
            s = String.format(Locale.ROOT, "%.2f", n.doubleValue());
        } else {
            s = Long.toString(n.longValue());
        }
        return persian ? Dates.persianDigits(s).replace('.', '٫').replace("%", "٪") : s;
    }

    /** The raw value for a CSV cell: integers as such, decimals with up to 4 places, null empty. */
    public static String csv(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "";
            }
            String s = String.format(Locale.ROOT, "%.4f", d);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return value.toString();
    }

    /** Seconds as m:ss below an hour, else h:mm:ss. */
    public static String duration(long seconds) {
        long s = Math.max(0, seconds);
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /**
     * The label of a bucket start: the hour "1405/09/02 14:00", the day, the week's first day, the month
     * "2026-11" (months are Gregorian months of the analytics service in both languages; in Persian the Jalali day
     * the month starts on is shown).
     */
    public static String bucket(Instant start, Bucket bucket, ZoneId zone, boolean persian) {
        ZonedDateTime z = start.atZone(zone);
        LocalDate d = z.toLocalDate();
        return switch (bucket) {
            case HOUR -> Dates.day(d, persian) + " " + (persian ? Dates.persianDigits(String.format(Locale.ROOT,
                    "%02d:00", z.getHour())) : String.format(Locale.ROOT, "%02d:00", z.getHour()));
            case MONTH -> persian ? Dates.day(d, true) : String.format(Locale.ROOT, "%04d-%02d", d.getYear(),
                    d.getMonthValue());
            default -> Dates.day(d, persian);
        };
    }

    public static Object value(KpiRow row, String name) {
        return row.values().get(name);
    }
}
