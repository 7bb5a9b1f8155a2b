package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.WarehouseMember;
import dev.goalcoach.analytics.api.AnalyticsViews.Day;
import dev.goalcoach.analytics.api.AnalyticsViews.GoalMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.HabitMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.MemberMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.Reason;
import dev.goalcoach.analytics.api.AnalyticsViews.Risk;
import dev.goalcoach.analytics.api.AnalyticsViews.RosterEntry;
import dev.goalcoach.analytics.api.AnalyticsViews.Streak;
import dev.goalcoach.events.EventJson;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Members' metrics in the warehouse, read back: per member, their daily series, a mentor's roster. */
@ApplicationScoped
public class MemberMetricsRepository {

    private final AgroalDataSource dataSource;

    public MemberMetricsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<WarehouseMember> member(UUID memberId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select mentor_id from dim_members where member_id = ?")) {
            ps.setObject(1, memberId);
            try (var rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new WarehouseMember(memberId, rs.getObject(1, UUID.class)))
                        : Optional.empty();
            }
        }
    }

    /**
     * The members whose own date at {@code now} is past the date their metrics were computed for (or who have
     * none yet): their day rolled over, and "today", the windows and the days since the last check-in moved with
     * it, without any event.
     */
    public List<UUID> rolledOver(Instant now) throws SQLException {
        var due = new ArrayList<UUID>();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select m.member_id from dim_members m left join metrics_streak s"
                        + " on s.member_id = m.member_id and s.scope = 'member' and s.scope_id = m.member_id"
                        + " where s.as_of is null or s.as_of < (cast(? as timestamptz) at time zone"
                        + " coalesce(m.timezone, 'UTC'))::date order by m.member_id")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return due;
    }

    /** The last 90 member-local days, oldest first (empty before the first recomputation). */
    public List<Day> series(UUID memberId) throws SQLException {
        var days = new ArrayList<Day>();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "select first_day, owed, met, skipped from metrics_series where member_id = ?")) {
            ps.setObject(1, memberId);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    var first = rs.getObject(1, LocalDate.class);
                    var owed = (Integer[]) rs.getArray(2).getArray();
                    var met = (Integer[]) rs.getArray(3).getArray();
                    var skipped = (Integer[]) rs.getArray(4).getArray();
                    for (int i = 0; i < owed.length; i++) {
                        days.add(new Day(first.plusDays(i), owed[i], met[i], skipped[i], ratio(met[i], owed[i])));
                    }
                }
            }
        }
        return days;
    }

    /** Every mentee of {@code mentorId}, the riskiest first (not yet computed: last), then by name. */
    public List<RosterEntry> roster(UUID mentorId) throws SQLException {
        var entries = new ArrayList<RosterEntry>();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select d.member_id, d.display_name, d.risk_score, d.risk_level,"
                        + " d.adherence7, d.adherence30, d.current_streak, s.owed[greatest(1, cardinality(s.owed) - 29):],"
                        + " s.met[greatest(1, cardinality(s.met) - 29):] from mentor_dashboard d"
                        + " left join metrics_series s on s.member_id = d.member_id where d.mentor_id = ?"
                        + " order by d.risk_score desc nulls last, d.display_name, d.member_id")) {
            ps.setObject(1, mentorId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new RosterEntry(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            (Integer) rs.getObject(3),
                            rs.getString(4),
                            rs.getBigDecimal(5),
                            rs.getBigDecimal(6),
                            (Integer) rs.getObject(7),
                            last30(rs.getArray(8), rs.getArray(9))));
                }
            }
        }
        return entries;
    }

    /**
     * Each day's adherence in whole percent (met of owed; null on a day nothing was owed), oldest first; none before
     * a series. Whole percents: a sparkline needs no more, and 50 mentees' 30 days stay a small answer.
     */
    private static List<Integer> last30(Array owedDays, Array metDays) throws SQLException {
        if (owedDays == null || metDays == null) {
            return List.of();
        }
        var owed = (Integer[]) owedDays.getArray();
        var met = (Integer[]) metDays.getArray();
        var out = new ArrayList<Integer>(owed.length);
        for (int i = 0; i < owed.length; i++) {
            out.add(owed[i] == 0 ? null : Math.round(100f * Math.min(met[i], owed[i]) / owed[i]));
        }
        return out;
    }

    private static BigDecimal ratio(int met, int owed) {
        return owed == 0
                ? null
                : BigDecimal.valueOf(Math.min(met, owed)).divide(BigDecimal.valueOf(owed), 4, RoundingMode.HALF_UP);
    }

    /** A member's metrics as the last recomputation left them. */
    public MemberMetrics read(UUID memberId) throws SQLException {
        var memberAdherence = new LinkedHashMap<Integer, BigDecimal>();
        var goalAdherence = new LinkedHashMap<UUID, Map<Integer, BigDecimal>>();
        var habitAdherence = new LinkedHashMap<UUID, Map<Integer, BigDecimal>>();
        var habitGoal = new LinkedHashMap<UUID, UUID>();
        var habitStreak = new LinkedHashMap<UUID, Streak>();
        var habitStrength = new LinkedHashMap<UUID, BigDecimal>();
        LocalDate asOf = null;
        Instant computedAt = null;
        Streak memberStreak = new Streak(0, 0, "day");
        Risk risk = null;
        try (Connection c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("select scope, scope_id, window_days, adherence, as_of, computed_at"
                    + " from metrics_adherence where member_id = ? order by scope, scope_id, window_days")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String scope = rs.getString(1);
                        UUID id = rs.getObject(2, UUID.class);
                        int window = rs.getInt(3);
                        BigDecimal value = rs.getBigDecimal(4);
                        asOf = rs.getObject(5, LocalDate.class);
                        computedAt = rs.getObject(6, OffsetDateTime.class).toInstant();
                        switch (scope) {
                            case "member" -> memberAdherence.put(window, value);
                            case "goal" ->
                                goalAdherence
                                        .computeIfAbsent(id, k -> new LinkedHashMap<>())
                                        .put(window, value);
                            default ->
                                habitAdherence
                                        .computeIfAbsent(id, k -> new LinkedHashMap<>())
                                        .put(window, value);
                        }
                    }
                }
            }
            try (var ps = c.prepareStatement("select s.scope, s.scope_id, s.current_streak, s.longest_streak, s.unit,"
                    + " h.goal_id, s.as_of, s.computed_at from metrics_streak s left join dim_habits h"
                    + " on s.scope = 'habit' and h.habit_id = s.scope_id where s.member_id = ?")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var streak = new Streak(rs.getInt(3), rs.getInt(4), rs.getString(5));
                        asOf = rs.getObject(7, LocalDate.class);
                        computedAt = rs.getObject(8, OffsetDateTime.class).toInstant();
                        if (rs.getString(1).equals("member")) {
                            memberStreak = streak;
                        } else {
                            UUID habit = rs.getObject(2, UUID.class);
                            habitStreak.put(habit, streak);
                            habitGoal.put(habit, rs.getObject(6, UUID.class));
                        }
                    }
                }
            }
            try (var ps =
                    c.prepareStatement("select habit_id, strength from metrics_habit_strength where member_id = ?")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        habitStrength.put(rs.getObject(1, UUID.class), rs.getBigDecimal(2));
                    }
                }
            }
            try (var ps = c.prepareStatement("select score, level, reasons from metrics_risk where member_id = ?")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        risk = new Risk(rs.getInt(1), rs.getString(2), reasons(rs.getString(3)));
                    }
                }
            }
        }
        var goals = new ArrayList<GoalMetrics>();
        goalAdherence.forEach((goal, adherence) -> goals.add(new GoalMetrics(goal, adherence)));
        var habits = new ArrayList<HabitMetrics>();
        habitGoal.forEach((habit, goal) -> habits.add(new HabitMetrics(
                habit,
                goal,
                habitAdherence.getOrDefault(habit, Map.of()),
                habitStreak.get(habit),
                habitStrength.get(habit))));
        return new MemberMetrics(memberId, asOf, memberAdherence, memberStreak, risk, goals, habits, computedAt);
    }

    private static List<Reason> reasons(String json) {
        try {
            var list = new ArrayList<Reason>();
            for (var r : EventJson.mapper().readTree(json)) {
                list.add(new Reason(
                        r.path("code").asText(),
                        r.path("points").asInt(),
                        r.path("detail").asText()));
            }
            return list;
        } catch (IOException e) {
            throw new IllegalStateException("metrics_risk.reasons is not JSON", e);
        }
    }
}
