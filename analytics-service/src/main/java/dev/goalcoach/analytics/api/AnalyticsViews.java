package dev.goalcoach.analytics.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What analytics-service answers, as its API shows it. */
public final class AnalyticsViews {

    /** One member's metrics. */
    public record MemberMetrics(
            UUID memberId,
            LocalDate asOf,
            Map<Integer, BigDecimal> adherence,
            Streak streak,
            Risk risk,
            List<GoalMetrics> goals,
            List<HabitMetrics> habits,
            Instant computedAt) {}

    public record Streak(int current, int longest, String unit) {}

    /** Score 0–100, level, and the reasons that produced it (code, points, detail), most weighty first. */
    public record Risk(int score, String level, List<Reason> reasons) {}

    public record Reason(String code, int points, String detail) {}

    public record GoalMetrics(UUID goalId, Map<Integer, BigDecimal> adherence) {}

    public record HabitMetrics(
            UUID habitId, UUID goalId, Map<Integer, BigDecimal> adherence, Streak streak, BigDecimal strength) {}

    /** One member-local day of the series: occurrences owed, met, skipped, and their ratio (null when none owed). */
    public record Day(LocalDate date, int owed, int met, int skipped, BigDecimal adherence) {}

    /** One mentee on their mentor's roster: who, risk, adherence 7/30 days, current streak. */
    public record RosterEntry(
            UUID memberId,
            String displayName,
            Integer riskScore,
            String riskLevel,
            BigDecimal adherence7,
            BigDecimal adherence30,
            Integer currentStreak,
            List<Integer> last30) {}

    /**
     * A cohort's figures: its mentees, how many have metrics yet, the mean of their adherence 7/30/90 (each member
     * weighs the same), how many are at each risk level, and their mean current streak and habit strength.
     */
    public record Cohort(
            UUID id,
            String name,
            UUID mentorId,
            int members,
            int withMetrics,
            Map<Integer, BigDecimal> adherence,
            Map<String, Integer> risk,
            BigDecimal currentStreak,
            BigDecimal strength) {}

    /** One page of cohorts, by name; {@code total} counts them all. */
    public record CohortPage(List<Cohort> items, int page, int size, long total) {}

    /** A member's goals (goal-service's representation) with their metrics, and where the goals came from. */
    public record MemberGoals(UUID memberId, LocalDate asOf, String source, ArrayNode goals) {}

    private AnalyticsViews() {}
}
