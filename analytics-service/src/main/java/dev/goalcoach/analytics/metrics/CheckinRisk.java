package dev.goalcoach.analytics.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A stepped member's risk, explained, computed in the service from the rows a check-in's step holds and writes:
 * {@link RiskSql}'s reasons, points and details, with the warehouse's numbers as its columns hold them (adherence
 * and strength in {@code numeric(6, 4)}, rounded half away from zero as PostgreSQL rounds). The reasons are
 * written as arrays and aggregated to JSON by the warehouse, so the text is the recomputation's.
 */
final class CheckinRisk {

    /** A reason that holds: its code, points and detail. */
    record Reason(String code, int points, String detail) {}

    /** The journal's mood over the last 14 days as the warehouse reads it: its text (two places), whether low. */
    record Mood(String score, boolean negative, long entries) {}

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal FIFTH = new BigDecimal("0.2");
    private static final BigDecimal TENTH = new BigDecimal("0.1");
    private static final MathContext DOUBLE_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    final LocalDate today;
    /** The first day of the member's habits' last 97 (the earliest start, at most 96 days before today). */
    LocalDate firstDay;
    /** The member's latest check-in's day up to today, or null. */
    LocalDate lastDay;
    /** The member's own adherence over 7 and 30 days, null without a row. */
    BigDecimal a7;

    BigDecimal a30;
    /** The member's owed occurrences over 7 days, in sevenths (0 without a row). */
    long due7;
    /** The longest run of owed days missed of the member's habits, null: none. */
    Integer misses;
    /** The largest fall of a habit's strength in a week, null: none. */
    BigDecimal drop;

    Mood mood;

    CheckinRisk(LocalDate today) {
        this.today = today;
    }

    /** The earliest start of a habit that counts. */
    void habit(LocalDate start) {
        LocalDate first = start.isBefore(today.minusDays(96)) ? today.minusDays(96) : start;
        if (firstDay == null || first.isBefore(firstDay)) {
            firstDay = first;
        }
    }

    /** A habit's trailing owed days missed. */
    void misses(Integer n) {
        if (n != null && n > 0 && (misses == null || n > misses)) {
            misses = n;
        }
    }

    /** A habit's strength and its strength a week ago, as written. */
    void strength(BigDecimal strength, BigDecimal weekAgo) {
        if (strength == null || weekAgo == null) {
            return;
        }
        BigDecimal d = weekAgo.subtract(strength);
        if (drop == null || d.compareTo(drop) > 0) {
            drop = d;
        }
    }

    /** The reasons that hold, as {@link RiskSql} has them. */
    List<Reason> reasons() {
        var out = new ArrayList<Reason>();
        long days = ChronoUnit.DAYS.between(lastDay == null ? firstDay.minusDays(1) : lastDay, today);
        if (days >= 3) {
            out.add(new Reason("NO_RECENT_CHECKIN", days >= 7 ? 40 : 25, "no check-in for " + days + " days"));
        }
        if (a7 != null && a7.compareTo(HALF) < 0 && due7 >= 21) {
            out.add(new Reason("LOW_ADHERENCE", 25, "7-day adherence " + percent(a7) + "%"));
        }
        if (a7 != null && a30 != null && a7.compareTo(a30.subtract(FIFTH)) < 0) {
            out.add(new Reason(
                    "ADHERENCE_DROP",
                    15,
                    "7-day adherence " + percent(a7) + "% against " + percent(a30) + "% over 30 days"));
        }
        if (misses != null && misses >= 3) {
            out.add(new Reason("CONSECUTIVE_MISSES", 20, misses + " owed days missed in a row"));
        }
        if (drop != null && drop.compareTo(TENTH) > 0) {
            out.add(new Reason("FALLING_STRENGTH", 10, "habit strength down " + percent(drop) + " points in a week"));
        }
        if (mood != null && mood.entries() >= 2 && mood.negative()) {
            out.add(new Reason(
                    "NEGATIVE_SENTIMENT",
                    15,
                    "journal mood " + mood.score() + " over " + mood.entries() + " entries in 14 days"));
        }
        return out;
    }

    /** The score of {@code reasons} (at most 100). */
    static int score(List<Reason> reasons) {
        return Math.min(100, sum(reasons));
    }

    /** The level of {@code reasons}: HIGH from 60 points, MEDIUM from 30. */
    static String level(List<Reason> reasons) {
        int points = sum(reasons);
        return points >= 60 ? "HIGH" : points >= 30 ? "MEDIUM" : "LOW";
    }

    private static int sum(List<Reason> reasons) {
        return reasons.stream().mapToInt(Reason::points).sum();
    }

    /** {@code round(x * 100)} of a {@code numeric}: half away from zero. */
    private static String percent(BigDecimal x) {
        return x.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    /** An adherence as the step writes it: {@code least(1, done / due)} into {@code numeric(6, 4)}. */
    static BigDecimal adherence(long done, long due) {
        BigDecimal a = BigDecimal.valueOf(done).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP);
        return a.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE.setScale(4) : a;
    }

    /**
     * A {@code float8} as a {@code numeric(6, 4)} column stores it: its 15 significant digits (PostgreSQL's {@code
     * float8_numeric}), then four places, half away from zero.
     */
    static BigDecimal numeric4(Double x) {
        return x == null ? null : new BigDecimal(x).round(DOUBLE_DIGITS).setScale(4, RoundingMode.HALF_UP);
    }
}
