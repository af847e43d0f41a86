package io.pishkhan.console.internal.logic;

import io.pishkhan.api.security.ApiToken;
import io.pishkhan.api.security.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Texts and checks of the users and API tokens screens. */
public final class SecurityText {
    /** The roles in the order the screens offer them. */
    public static final List<String> ROLES = List.of("agent", "supervisor", "admin");

    private SecurityText() {
    }

    /** State of a user: {@code disabled}, {@code locked}, {@code mustChange} or {@code active} (message key suffix). */
    public static String userState(User u, Instant now) {
        if (u.disabled()) {
            return "disabled";
        }
        if (u.lockedAt(now)) {
            return "locked";
        }
        return u.mustChangePassword() ? "mustChange" : "active";
    }

    /** State of a token: {@code revoked}, {@code expired} or {@code active} (message key suffix). */
    public static String tokenState(ApiToken t, Instant now) {
        if (t.revokedAt() != null) {
            return "revoked";
        }
        return t.activeAt(now) ? "active" : "expired";
    }

    /** Roles in offer order (unknown ones last, sorted), joined with ", ". */
    public static String roles(java.util.Collection<String> roles) {
        List<String> out = new ArrayList<>();
        for (String r : ROLES) {
            if (roles.contains(r)) {
                out.add(r);
            }
        }
        new TreeSet<>(roles).stream().filter(r -> !ROLES.contains(r)).forEach(out::add);
        return String.join(", ", out);
    }

    /**
     * A password typed twice, checked before it goes to the service (which applies the whole policy).
     *
     * @throws InputException {@code users.password.mismatch} or {@code users.password.short}
     */
    public static void checkPassword(String password, String repeat, int minLength) {
        if (password == null || password.isEmpty() || password.length() < minLength) {
            throw new InputException("users.password.short", "the password must have at least " + minLength
                    + " characters", minLength);
        }
        if (!password.equals(repeat)) {
            throw new InputException("users.password.mismatch", "the two passwords differ");
        }
    }

    /**
     * The expiry of a new token from a typed day (Jalali in Persian, ISO in English): the end of that day in the
     * appliance's time zone (the start of the next day); null when blank (no expiry).
     *
     * @throws InputException {@code tokens.expiry.bad} when not a day, {@code tokens.expiry.past} when not after now
     */
    public static Instant expiry(String typed, boolean persian, ZoneId zone, Instant now) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = AuditFilter.parseDay(typed, persian);
        } catch (IllegalArgumentException e) {
            throw new InputException("tokens.expiry.bad", "not a day: " + typed, typed);
        }
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        if (!end.isAfter(now)) {
            throw new InputException("tokens.expiry.past", "the expiry is in the past: " + typed, typed);
        }
        return end;
    }
}
