package dev.goalcoach.analytics.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.analytics.metrics.DayStep;
import dev.goalcoach.analytics.metrics.MemberSlices;
import dev.goalcoach.analytics.metrics.MetricsEngine;
import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.warehouse.Migrations;
import dev.goalcoach.warehouse.PostgresDialect;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The metrics in the warehouse: recomputed by {@link MetricsEngine}, read back per member, with a cache in front
 * that a recomputation of the member empties.
 */
@ApplicationScoped
public class AnalyticsStore {

    private static final Logger LOG = Logger.getLogger(AnalyticsStore.class);

    /** One member's metrics as the API shows them. */
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
            Integer currentStreak) {}

    /** Who a member is to the warehouse: their mentor, for authorization. */
    public record Member(UUID memberId, UUID mentorId) {}

    private static final ObjectMapper READER = new ObjectMapper();

    /**
     * The warehouse this service reads and computes in: PostgreSQL (the engine and its schema also render for
     * Snowflake, see {@code MetricsGoldenTest}; this service's reads are PostgreSQL's yet).
     */
    private static final PostgresDialect DIALECT = new PostgresDialect();

    private static final MetricsEngine ENGINE = new MetricsEngine(DIALECT);

    private static final DayStep DAY_STEP = new DayStep();

    private final AgroalDataSource dataSource;
    private final int shards;
    private final Clock clock;
    private final Map<UUID, MemberMetrics> cache = new ConcurrentHashMap<>();
    private final Map<UUID, List<RosterEntry>> rosters = new ConcurrentHashMap<>();
    private final AtomicLong recomputations = new AtomicLong();

    private final Timer fullRefresh;
    private final Timer memberRefresh;

    public AnalyticsStore(
            AgroalDataSource dataSource,
            MeterRegistry registry,
            @ConfigProperty(name = "goalcoach.analytics.refresh-shards", defaultValue = "2") int shards,
            Clock clock) {
        this.dataSource = dataSource;
        this.shards = shards;
        this.clock = clock;
        this.fullRefresh = Timer.builder("goalcoach_analytics_refresh")
                .description("one recomputation in the warehouse: everyone")
                .tag("scope", "all")
                .register(registry);
        this.memberRefresh = Timer.builder("goalcoach_analytics_refresh")
                .description("one recomputation in the warehouse: the members a batch notice named")
                .tag("scope", "members")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** The warehouse schema (whoever comes first creates it: the loader or this service) and the metrics tables. */
    void migrate(@Observes StartupEvent ignored) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Migrations.apply(c, DIALECT, "sync_schema", Migrations.warehouse(DIALECT));
            Migrations.apply(c, DIALECT, MetricsSchema.VERSION_TABLE, MetricsSchema.versions(DIALECT));
        }
        LOG.info("metrics tables ready");
    }

    /**
     * Recomputes these members (null: everyone) as of now and forgets what was cached for them. Everyone is
     * recomputed in slices at once (see {@link #recomputeInSlices}), then the metrics of members gone from the
     * warehouse are dropped.
     */
    public void recompute(Collection<UUID> members) throws SQLException {
        long started = System.nanoTime();
        if (members == null) {
            recomputeInSlices(everyone(), clock.instant());
            try (Connection c = dataSource.getConnection()) {
                MetricsEngine.forgetAbsentMembers(c);
            }
        } else {
            try (Connection c = dataSource.getConnection()) {
                ENGINE.refresh(c, clock.instant(), members);
            }
        }
        forget(members);
        (members == null ? fullRefresh : memberRefresh).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /**
     * Recomputes many members as of {@code asOf} in {@code shards} slices at once, each on a connection of its own
     * (one transaction per slice, a member always whole), and forgets what was cached for them.
     */
    public void recomputeInSlices(List<UUID> members, Instant asOf) throws SQLException {
        try {
            MemberSlices.run(dataSource::getConnection, members, shards, (c, slice) -> {
                ENGINE.refresh(c, asOf, slice);
                return slice;
            });
        } finally {
            forget(members);
        }
    }

    /**
     * Brings the members whose day rolled over to their date at {@code now}: those whose facts did not change since
     * their last refresh are stepped by a day ({@link DayStep}: O(habits), not O(habit-days)), the others
     * recomputed; both in slices at once; returns how many were stepped. Should a step fail (its transaction then
     * changed nothing), its members are recomputed.
     */
    public int rollOver(List<UUID> members, Instant now) throws SQLException {
        List<UUID> stepped;
        try {
            stepped = MemberSlices.run(
                    dataSource::getConnection, members, shards, (c, slice) -> DAY_STEP.step(c, now, slice));
        } catch (SQLException e) {
            // a slice's step is one transaction: it changed nothing; recomputing is slower but never worse
            LOG.warnf("day step failed, recomputing instead: %s", e.getMessage());
            stepped = List.of();
        } finally {
            forget(members);
        }
        var rest = new ArrayList<>(members);
        rest.removeAll(new HashSet<>(stepped));
        if (!rest.isEmpty()) {
            recomputeInSlices(rest, now);
        }
        return stepped.size();
    }

    /**
     * Empties what a recomputation of these members (null: everyone) made stale: their cached metrics and every
     * roster. The generation moves first, so a read that started before and ends after is not cached.
     */
    private void forget(Collection<UUID> members) {
        recomputations.incrementAndGet();
        rosters.clear();
        if (members == null) {
            cache.clear();
        } else {
            members.forEach(cache::remove);
        }
    }

    private List<UUID> everyone() throws SQLException {
        var everyone = new ArrayList<UUID>();
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("select member_id from dim_members order by member_id")) {
            while (rs.next()) {
                everyone.add(rs.getObject(1, UUID.class));
            }
        }
        return everyone;
    }

    /**
     * The members whose own date at {@code now} is past the date their metrics were computed for (or who have
     * none yet): their day rolled over, and "today", the windows and the days since the last check-in moved with
     * it, without any event.
     */
    public List<UUID> rolledOver(Connection c, Instant now) throws SQLException {
        var due = new ArrayList<UUID>();
        try (var ps = c.prepareStatement("select m.member_id from dim_members m left join metrics_streak s"
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

    public Optional<Member> member(UUID memberId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select mentor_id from dim_members where member_id = ?")) {
            ps.setObject(1, memberId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Member(memberId, rs.getObject(1, UUID.class))) : Optional.empty();
            }
        }
    }

    /**
     * Every mentee of {@code mentorId}, the riskiest first (not yet computed: last), then by name. Cached per
     * mentor; any recomputation empties it (a mentee's figures, or who mentors whom, may have changed).
     */
    public List<RosterEntry> roster(UUID mentorId) throws SQLException {
        var cached = rosters.get(mentorId);
        if (cached != null) {
            return cached;
        }
        long generation = recomputations.get();
        var fresh = readRoster(mentorId);
        if (generation == recomputations.get()) { // no recomputation finished meanwhile: safe to keep
            rosters.put(mentorId, fresh);
        }
        return fresh;
    }

    private List<RosterEntry> readRoster(UUID mentorId) throws SQLException {
        var entries = new ArrayList<RosterEntry>();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select member_id, display_name, risk_score, risk_level, adherence7,"
                        + " adherence30, current_streak from mentor_dashboard where mentor_id = ?"
                        + " order by risk_score desc nulls last, display_name, member_id")) {
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
                            (Integer) rs.getObject(7)));
                }
            }
        }
        return entries;
    }

    /** What a cohort is grouped by: its mentor, or its group. */
    public enum CohortKind {
        MENTOR(
                "select member_id as id, display_name as name, member_id as mentor_id from dim_members"
                        + " where role = 'MENTOR'",
                "mentor_id"),
        GROUP("select group_id as id, name, mentor_id from dim_groups", "group_id");

        final String cohorts;
        final String column;

        CohortKind(String cohorts, String column) {
            this.cohorts = cohorts;
            this.column = column;
        }
    }

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

    private static final String COHORT = "select c.id, c.name, c.mentor_id, count(d.member_id),"
            + " count(d.risk_score), round(avg(d.adherence7), 4), round(avg(d.adherence30), 4),"
            + " round(avg(d.adherence90), 4), count(*) filter (where d.risk_level = 'HIGH'),"
            + " count(*) filter (where d.risk_level = 'MEDIUM'), count(*) filter (where d.risk_level = 'LOW'),"
            + " round(avg(d.current_streak), 2), round(avg(d.strength), 4), count(*) over ()"
            + " from (%s) c left join mentor_dashboard d on d.%s = c.id %s"
            + " group by c.id, c.name, c.mentor_id order by c.name, c.id";

    /** One page of every cohort of a kind (admin's overview). */
    public CohortPage cohorts(CohortKind kind, int page, int size) throws SQLException {
        var items = new ArrayList<Cohort>();
        long total = 0;
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        String.format(COHORT, kind.cohorts, kind.column, "") + " offset ? limit ?")) {
            ps.setLong(1, (long) page * size);
            ps.setInt(2, size);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(cohort(rs));
                    total = rs.getLong(14);
                }
            }
        }
        if (items.isEmpty() && page > 0) {
            try (Connection c = dataSource.getConnection();
                    var s = c.createStatement();
                    var rs = s.executeQuery("select count(*) from (" + kind.cohorts + ") c")) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        return new CohortPage(items, page, size, total);
    }

    /** One cohort, if it exists. */
    public Optional<Cohort> cohort(CohortKind kind, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement(String.format(COHORT, kind.cohorts, kind.column, "where c.id = ?"))) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(cohort(rs)) : Optional.empty();
            }
        }
    }

    private static Cohort cohort(ResultSet rs) throws SQLException {
        var adherence = new LinkedHashMap<Integer, BigDecimal>();
        adherence.put(7, rs.getBigDecimal(6));
        adherence.put(30, rs.getBigDecimal(7));
        adherence.put(90, rs.getBigDecimal(8));
        var risk = new LinkedHashMap<String, Integer>();
        risk.put("HIGH", rs.getInt(9));
        risk.put("MEDIUM", rs.getInt(10));
        risk.put("LOW", rs.getInt(11));
        return new Cohort(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getInt(4),
                rs.getInt(5),
                adherence,
                risk,
                rs.getBigDecimal(12),
                rs.getBigDecimal(13));
    }

    /**
     * A member's goals as the warehouse last loaded them, in goal-service's shape (without what the warehouse does
     * not keep: descriptions, subgoals, reminders): what {@code /dashboard/user/{id}/goals} shows when goal-service
     * cannot answer. Removed habits are left out; newest goals first, as goal-service lists them.
     */
    public ArrayNode warehouseGoals(UUID memberId) throws SQLException {
        var json = JsonNodeFactory.instance;
        var goals = json.arrayNode();
        var byId = new LinkedHashMap<UUID, ObjectNode>();
        try (Connection c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("select goal_id, title, theme, status, plan_status, target_date"
                    + " from dim_goals where member_id = ? order by updated_at desc nulls last, goal_id")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var goal = goals.addObject();
                        var id = rs.getObject(1, UUID.class);
                        goal.put("id", id.toString());
                        goal.put("memberId", memberId.toString());
                        goal.put("title", rs.getString(2));
                        goal.put("theme", rs.getString(3));
                        goal.put("status", rs.getString(4));
                        goal.put("planStatus", rs.getString(5));
                        goal.put("targetDate", rs.getString(6));
                        goal.putArray("habits");
                        byId.put(id, goal);
                    }
                }
            }
            try (var ps = c.prepareStatement("select goal_id, habit_id, title, schedule_type, days, times_per_week,"
                    + " every_n_days, start_date, target_value, target_unit, target_direction, active"
                    + " from dim_habits where member_id = ? and not removed order by start_date, habit_id")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var goal = byId.get(rs.getObject(1, UUID.class));
                        if (goal == null) {
                            continue;
                        }
                        var habit = goal.withArray("habits").addObject();
                        habit.put("id", rs.getObject(2, UUID.class).toString());
                        habit.put("title", rs.getString(3));
                        var schedule = habit.putObject("schedule");
                        schedule.put("type", rs.getString(4));
                        var days = schedule.putArray("days");
                        if (rs.getString(5) != null) {
                            for (var day : rs.getString(5).split(",")) {
                                days.add(day.trim());
                            }
                        }
                        schedule.put("timesPerWeek", (Integer) rs.getObject(6));
                        schedule.put("everyNDays", (Integer) rs.getObject(7));
                        habit.put("startDate", rs.getString(8));
                        if (rs.getBigDecimal(9) != null) {
                            var target = habit.putObject("target");
                            target.put("value", rs.getBigDecimal(9));
                            target.put("unit", rs.getString(10));
                            target.put("direction", rs.getString(11));
                        } else {
                            habit.putNull("target");
                        }
                        habit.put("active", rs.getBoolean(12));
                    }
                }
            }
        }
        return goals;
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
                        days.add(new Day(
                                first.plusDays(i),
                                owed[i],
                                met[i],
                                skipped[i],
                                owed[i] == 0
                                        ? null
                                        : BigDecimal.valueOf(Math.min(met[i], owed[i]))
                                                .divide(BigDecimal.valueOf(owed[i]), 4, RoundingMode.HALF_UP)));
                    }
                }
            }
        }
        return days;
    }

    public MemberMetrics metrics(UUID memberId) throws SQLException {
        var cached = cache.get(memberId);
        if (cached != null) {
            return cached;
        }
        long generation = recomputations.get();
        var fresh = read(memberId);
        if (generation == recomputations.get()) { // no recomputation finished meanwhile: safe to keep
            cache.put(memberId, fresh);
        }
        return fresh;
    }

    private MemberMetrics read(UUID memberId) throws SQLException {
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
            for (var r : READER.readTree(json)) {
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
