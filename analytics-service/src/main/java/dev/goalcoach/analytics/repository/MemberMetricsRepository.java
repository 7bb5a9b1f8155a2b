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
import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.warehouse.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Members' metrics in the warehouse, read back: per member, their daily series, a mentor's roster. */
@ApplicationScoped
public class MemberMetricsRepository {

    private final Warehouse warehouse;

    public MemberMetricsRepository(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public Optional<WarehouseMember> member(UUID memberId) throws SQLException {
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().member)) {
            d.bind(ps, 1, Table.Type.UUID, memberId);
            try (var rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new WarehouseMember(memberId, d.uuid(rs, 1), d.instant(rs, 2)))
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
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().rolledOver)) {
            d.bind(ps, 1, Table.Type.TIMESTAMP, now);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(d.uuid(rs, 1));
                }
            }
        }
        return due;
    }

    /** The last 90 member-local days, oldest first (empty before the first recomputation). */
    public List<Day> series(UUID memberId) throws SQLException {
        var days = new ArrayList<Day>();
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().series)) {
            d.bind(ps, 1, Table.Type.UUID, memberId);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    var first = d.date(rs, 1);
                    var owed = d.intArray(rs, 2);
                    var met = d.intArray(rs, 3);
                    var skipped = d.intArray(rs, 4);
                    for (int i = 0; i < owed.length; i++) {
                        days.add(new Day(first.plusDays(i), owed[i], met[i], skipped[i], ratio(met[i], owed[i])));
                    }
                }
            }
        }
        return days;
    }

    /**
     * What a mentor's roster is made of, as a version: how many mentees and when the last of their metrics was
     * written (any replica's writes move it).
     */
    public String rosterVersion(UUID mentorId) throws SQLException {
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().rosterVersion)) {
            d.bind(ps, 1, Table.Type.UUID, mentorId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "@" + d.instant(rs, 2);
            }
        }
    }

    /** Every mentee of {@code mentorId}, the riskiest first (not yet computed: last), then by name. */
    public List<RosterEntry> roster(UUID mentorId) throws SQLException {
        var entries = new ArrayList<RosterEntry>();
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().roster)) {
            d.bind(ps, 1, Table.Type.UUID, mentorId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new RosterEntry(
                            d.uuid(rs, 1),
                            rs.getString(2),
                            d.integer(rs, 3),
                            rs.getString(4),
                            rs.getBigDecimal(5),
                            rs.getBigDecimal(6),
                            d.integer(rs, 7),
                            last30(d.intArray(rs, 8), d.intArray(rs, 9))));
                }
            }
        }
        return entries;
    }

    /**
     * Each day's adherence in whole percent (met of owed; null on a day nothing was owed), oldest first; none before
     * a series. Whole percents: a sparkline needs no more, and 50 mentees' 30 days stay a small answer.
     */
    private static List<Integer> last30(int[] owed, int[] met) {
        if (owed == null || met == null) {
            return List.of();
        }
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
        var d = warehouse.dialect();
        var sql = warehouse.sql();
        try (Connection c = warehouse.connection()) {
            try (var ps = c.prepareStatement(sql.adherence)) {
                d.bind(ps, 1, Table.Type.UUID, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String scope = rs.getString(1);
                        UUID id = d.uuid(rs, 2);
                        int window = rs.getInt(3);
                        BigDecimal value = rs.getBigDecimal(4);
                        asOf = d.date(rs, 5);
                        computedAt = d.instant(rs, 6);
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
            try (var ps = c.prepareStatement(sql.streaks)) {
                d.bind(ps, 1, Table.Type.UUID, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var streak = new Streak(rs.getInt(3), rs.getInt(4), rs.getString(5));
                        asOf = d.date(rs, 7);
                        computedAt = d.instant(rs, 8);
                        if (rs.getString(1).equals("member")) {
                            memberStreak = streak;
                        } else {
                            UUID habit = d.uuid(rs, 2);
                            habitStreak.put(habit, streak);
                            habitGoal.put(habit, d.uuid(rs, 6));
                        }
                    }
                }
            }
            try (var ps = c.prepareStatement(sql.strength)) {
                d.bind(ps, 1, Table.Type.UUID, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        habitStrength.put(d.uuid(rs, 1), rs.getBigDecimal(2));
                    }
                }
            }
            try (var ps = c.prepareStatement(sql.risk)) {
                d.bind(ps, 1, Table.Type.UUID, memberId);
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
