package io.pishkhan.routing.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses opening intervals {@code HH:mm-HH:mm} into minutes of the day, end exclusive, end up to 24:00. */
final class TimeRanges {
    static final int[] NONE = new int[0];
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*[-\u2013]\\s*(\\d{1,2}):(\\d{2})\\s*");

    private TimeRanges() {
    }

    /**
     * Intervals as a sorted flat array {@code [start0, end0, start1, end1...]} of minutes of the day.
     *
     * @param where    prefix of problems, e.g. {@code Saturday}
     * @param problems receives one sentence per problem (then the result is meaningless)
     */
    static int[] parse(String where, List<String> texts, List<String> problems) {
        List<int[]> ranges = new ArrayList<>();
        for (String text : texts) {
            String t = text == null ? "" : Digits.toLatin(text);
            Matcher m = RANGE.matcher(t);
            if (!m.matches()) {
                problems.add(where + ": " + (text == null ? "" : text.strip()) + ": expected HH:mm-HH:mm, e.g. 08:00-16:00");
                continue;
            }
            String shown = t.strip();
            int start = minutes(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), false);
            int end = minutes(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), true);
            if (start < 0) {
                problems.add(where + ": " + shown + ": start must be 00:00-23:59");
            } else if (end < 0) {
                problems.add(where + ": " + shown + ": end must be 00:01-24:00");
            } else if (end <= start) {
                problems.add(where + ": " + shown + (end == start ? " is empty" : " ends before it starts")
                        + (end < start ? " (split a night shift: ..-24:00 and 00:00-.. the next day)" : ""));
            } else {
                ranges.add(new int[] {start, end});
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int i = 1; i < ranges.size(); i++) {
            int[] prev = ranges.get(i - 1);
            int[] cur = ranges.get(i);
            if (cur[0] < prev[1]) {
                problems.add(where + ": " + hhmm(cur[0]) + "-" + hhmm(cur[1]) + " overlaps " + hhmm(prev[0]) + "-"
                        + hhmm(prev[1]));
            }
        }
        int[] flat = new int[ranges.size() * 2];
        for (int i = 0; i < ranges.size(); i++) {
            flat[2 * i] = ranges.get(i)[0];
            flat[2 * i + 1] = ranges.get(i)[1];
        }
        return flat.length == 0 ? NONE : flat;
    }

    private static int minutes(int h, int m, boolean end) {
        if (m > 59) {
            return -1;
        }
        int total = h * 60 + m;
        return end ? total > 0 && total <= 24 * 60 ? total : -1 : h <= 23 ? total : -1;
    }

    static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    static boolean contains(int[] flat, int minuteOfDay) {
        for (int i = 0; i < flat.length; i += 2) {
            if (minuteOfDay >= flat[i] && minuteOfDay < flat[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
