package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.PostgresDialect;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A check-in's step: when only today's check-ins changed (new, corrected or retracted), a member's metrics become
 * what the recomputation would give by what today's check-in of each habit changes, read from the habit's state
 * and the few days of check-ins around today: O(habits), not O(97 days × habits). Every refresh and every day's
 * step write, per habit, what this continues from: the metrics as if today were not logged (base strength, days
 * valued, trailing misses, last good day, current and longest streak, and the run a logged today continues) and
 * today's check-in as the rows hold it; a step applies today's latest check-in to the base, and to the adherence
 * and the series what it changes against the check-in they held. Only the habits whose check-in of today is not the
 * one their rows hold are written (in place); their goal's and member's adherence move by what theirs moved, the
 * member's streak follows from the habits' rows, the risk from the rows as written ({@link CheckinRisk}: its
 * reasons computed in the service, aggregated to JSON by the warehouse; its changes announced by {@link RiskChangeSql}).
 *
 * <p>The rows are read by key and the step computed in the service ({@link Habit#next}), then written back by
 * key in one round trip, arrays bound: a step's cost is then its reads and writes, not the planning of statements
 * that compute (decisions/0020, "computed in the service"). PostgreSQL only; proven by {@code CheckinStepTest}
 * (random histories, today's check-ins logged, corrected and retracted, stepped against recomputed on every row).
 *
 * <p>Only the caller knows whether a member's older check-ins are unchanged since their metrics (the warehouse's
 * batch notice says which check-in days a batch touched): it steps members whose changes are today's and
 * recomputes the rest, and whom {@link #step} leaves out (metrics not as of today, habits that count changed).
 */
public final class CheckinStep {

    private static final PostgresDialect SQL = new PostgresDialect();

    /**
     * The step's work table (the members stepped, which the risk's statements read), the join order as written (a
     * step's statements start from its few members), index probes priced as what they are here, reads of pages
     * in memory (at the default, four times a sequential page, the planner scans a metric table of a thousand
     * members rather than probe it 25 times: 4 ms against 0.3), and the candidates' bucket locks, as a refresh
     * takes them.
     */
    private static final String BEGIN = "create temporary table if not exists log_scope (member_id uuid primary key,"
            + " today date not null) on commit delete rows; set local join_collapse_limit = 1;"
            + " set local from_collapse_limit = 1; set local random_page_cost = 1.1; " + DayStep.bucketLocks(SQL);

    /**
     * Candidates whose metrics and habits' state are as of today, with the habits that count today, and whose
     * changed check-ins are of today (or later: not counted yet); the third parameter lists {@code member=day} for
     * each candidate with changed check-ins, the earliest day.
     */
    private static final String FILL_SCOPE = DayStep.unchangedSince(SQL, "log_scope", "x.today")
            + " and not exists (select 1 from unnest(string_to_array(?, ',')) e where split_part(e, '=', 1) ="
            + " cast(x.member_id as text) and cast(split_part(e, '=', 2) as date) < x.today)"
            + " returning member_id";

    /** Each habit's state with its schedule, and today's latest check-in (none: no row). */
    private static final String READ = "analyze log_scope; "
            + "select t.habit_id, h.goal_id, t.member_id, h.schedule_type, h.days, h.times_per_week, h.every_n_days,"
            + " h.start_date, h.target_value, h.target_direction, s.today, t.base_strength, t.strength_then,"
            + " t.base_valued, t.base_misses, t.base_last_good, t.today_status, t.today_success, t.misses"
            + " from log_scope s join metrics_habit_state t on t.member_id = s.member_id"
            + " join dim_habits h on h.habit_id = t.habit_id; "
            // the streaks: the habits' bases and the member's, from the habits'
            + "select k.member_id, k.scope, k.scope_id, k.unit, k.current_streak, k.longest_streak, k.base_current,"
            + " k.base_longest, k.run_before from log_scope s join metrics_streak k on k.member_id = s.member_id; "
            // the adherence as held, in sevenths
            + "select a.member_id, a.scope, a.scope_id, a.window_days, round(a.done * 7), round(a.due * 7),"
            + " a.adherence from log_scope s join metrics_adherence a on a.member_id = s.member_id; "
            + "select t.habit_id, y.status, y.value from log_scope s join metrics_habit_state t"
            + " on t.member_id = s.member_id cross join lateral (select c.status, c.value from fact_checkins c"
            + " where c.member_id = t.member_id and c.habit_id = t.habit_id and c.local_date = s.today"
            + " order by c.recorded_at desc, c.version desc limit 1) y; "
            // what the risk reads besides: the habits' strengths, each member's latest check-in, their mood
            + "select f.member_id, f.habit_id, f.strength, f.strength_week_ago from log_scope s"
            + " join metrics_habit_strength f on f.member_id = s.member_id; "
            + "select s.member_id, s.today, (select max(c.local_date) from fact_checkins c"
            + " where c.member_id = s.member_id and c.local_date <= s.today) from log_scope s; "
            + "select e.member_id, cast(round(avg(t.score), 2) as text), avg(t.score) <= -0.3, count(*)"
            + " from log_scope s join fact_journal_entries e on e.member_id = s.member_id"
            + " join fact_journal_sentiment t on t.entry_id = e.entry_id and t.entry_version = e.version"
            + " where e.written_at >= cast(s.today - 13 as timestamp) group by e.member_id; "
            + "select l.member_id, l.level from log_scope s join metrics_risk_level l on l.member_id = s.member_id";

    // What a step writes, each statement with its arrays bound (left out when it has no rows): the changed habits'
    // rows updated in place, their goal's and member's moved; then the risk and its changes.

    /** The series: today's owed, met and skipped moved by what today's check-ins changed. */
    private static final String SERIES = "update metrics_series o set" + lastDay("owed") + "," + lastDay("met") + ","
            + lastDay("skipped") + ", computed_at = current_timestamp from unnest(cast(? as uuid[]), cast(? as"
            + " date[]), cast(? as int[]), cast(? as int[]), cast(? as int[])) n (member_id, today, owed, met, skipped)"
            + " where o.member_id = n.member_id and o.first_day + cardinality(o.owed) - 1 = n.today";

    private static final String STATE = "update metrics_habit_state t set strength = n.strength, valued = n.valued,"
            + " misses = n.misses, last_good = n.last_good, today_status = n.today_status, today_success ="
            + " n.today_success, computed_at = current_timestamp from unnest(cast(? as uuid[]), cast(? as uuid[]),"
            + " cast(? as float8[]), cast(? as int[]), cast(? as int[]), cast(? as date[]), cast(? as text[]), cast(?"
            + " as boolean[])) n (member_id, habit_id, strength, valued, misses, last_good, today_status,"
            + " today_success) where t.member_id = n.member_id and t.habit_id = n.habit_id";

    private static final String STRENGTH = "update metrics_habit_strength t set strength = n.strength,"
            + " strength_week_ago = n.strength_then, computed_at = current_timestamp from unnest(cast(? as uuid[]),"
            + " cast(? as uuid[]), cast(? as float8[]), cast(? as float8[])) n (member_id, habit_id, strength,"
            + " strength_then) where t.member_id = n.member_id and t.habit_id = n.habit_id";

    /** The habits' streaks; it runs in every step, rows or none, so that the write is announced (MetricsChanges). */
    private static final String HABIT_STREAKS = "update metrics_streak t set current_streak = n.current_streak,"
            + " longest_streak = n.longest_streak, computed_at = current_timestamp from unnest(cast(? as uuid[]),"
            + " cast(? as uuid[]), cast(? as int[]), cast(? as int[])) n (member_id, habit_id, current_streak,"
            + " longest_streak) where t.member_id = n.member_id and t.scope = 'habit' and t.scope_id = n.habit_id";

    /**
     * The members' own streaks, moved or not: the row's {@code computed_at} is the version every replica's read
     * cache keys a member's metrics by (ReadSql#member), so a step that moved only a habit moves it too.
     */
    private static final String MEMBER_STREAKS = "update metrics_streak t set current_streak = n.current_streak,"
            + " longest_streak = n.longest_streak, computed_at = current_timestamp from unnest(cast(? as uuid[]),"
            + " cast(? as int[]), cast(? as int[])) n (member_id, current_streak, longest_streak) where t.member_id ="
            + " n.member_id and t.scope = 'member' and t.scope_id = n.member_id";

    /** The risk of members left without a habit that counts: none. */
    private static final String RISK_GONE = "delete from metrics_risk where member_id = any(cast(? as uuid[]))";

    /**
     * The risk, computed in the service ({@link CheckinRisk}), its reasons aggregated to JSON as the recomputation
     * does; a row that did not change is not rewritten.
     */
    private static final String RISK = "with m as (select * from unnest(cast(? as uuid[]), cast(? as int[]), cast(? as"
            + " text[]), cast(? as date[])) m (member_id, score, level, today)), r as (select * from unnest(cast(? as"
            + " uuid[]), cast(? as text[]), cast(? as int[]), cast(? as text[])) r (member_id, code, points, detail))"
            + " insert into metrics_risk (member_id, score, level, reasons, as_of, computed_at) select m.member_id,"
            + " m.score, m.level, (select "
            + SQL.jsonArrayAgg(
                    List.of("'code'", "r.code", "'points'", "r.points", "'detail'", "r.detail"),
                    "r.points desc, r.code",
                    "true")
            + " from r where r.member_id = m.member_id), m.today, current_timestamp from m on conflict (member_id)"
            + " do update set score = excluded.score, level = excluded.level, reasons = excluded.reasons, as_of ="
            + " excluded.as_of, computed_at = excluded.computed_at where (metrics_risk.score, metrics_risk.level,"
            + " metrics_risk.reasons, metrics_risk.as_of) is distinct from (excluded.score, excluded.level,"
            + " excluded.reasons, excluded.as_of)";

    /**
     * The levels that changed (or a member's first), announced through the warehouse's outbox in the step's
     * transaction, as {@link RiskChangeSql} does for a refresh.
     */
    private static final String RISK_CHANGES = "insert into analytics_outbox (member_id, previous_level, level, score,"
            + " reasons, as_of, changed_at) select r.member_id, n.previous_level, r.level, r.score, r.reasons, r.as_of,"
            + " current_timestamp from unnest(cast(? as uuid[]), cast(? as text[])) n (member_id, previous_level)"
            + " join metrics_risk r on r.member_id = n.member_id";

    /** The level last announced, of members whose risk went. */
    private static final String LEVELS_GONE = "delete from metrics_risk_level where member_id = any(cast(? as uuid[]))";

    /** The level last announced, of members whose level changed. */
    private static final String LEVELS = "insert into metrics_risk_level (member_id, level, as_of, changed_at) select"
            + " member_id, level, as_of, current_timestamp from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as"
            + " date[])) n (member_id, level, as_of) on conflict (member_id) do update set level = excluded.level,"
            + " as_of = excluded.as_of, changed_at = excluded.changed_at";

    /**
     * The adherence rows the changed habits move, in sevenths of an occurrence: each habit's own, its goal's and its
     * member's. A row whose owed is 0 goes (the recomputation writes none), the others are written when they
     * changed, as in {@code AdherenceSql}; the two touch different rows, so one statement does both.
     */
    private static final String ADHERENCE = adherence();

    private static String adherence() {
        return "with n as (select * from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as uuid[]), cast(? as"
                + " int[]), cast(? as numeric[]), cast(? as numeric[]), cast(? as date[])) n (member_id, scope,"
                + " scope_id, window_days, done, due, today)), gone as (delete from metrics_adherence a using n where"
                + " a.member_id = n.member_id and a.scope = n.scope and a.scope_id = n.scope_id and a.window_days ="
                + " n.window_days and n.due = 0) insert into metrics_adherence (member_id, scope, scope_id,"
                + " window_days, done, due, adherence, as_of, computed_at) select member_id, scope, scope_id,"
                + " window_days, done / 7, due / 7, least(1, done / nullif(due, 0)), today, current_timestamp from n"
                + " where due > 0 on conflict (member_id, scope, scope_id, window_days) do update set done ="
                + " excluded.done, due = excluded.due, adherence = excluded.adherence, as_of = excluded.as_of,"
                + " computed_at = excluded.computed_at where (metrics_adherence.done, metrics_adherence.due,"
                + " metrics_adherence.adherence, metrics_adherence.as_of) is distinct from (excluded.done,"
                + " excluded.due, excluded.adherence, excluded.as_of)";
    }

    /** A series array with its last day (today) moved by the member's change in {@code n}. */
    private static String lastDay(String column) {
        String a = "o." + column;
        return " " + column + " = " + a + "[1:cardinality(" + a + ") - 1] || (" + a + "[cardinality(" + a + ")] + n."
                + column + ")";
    }

    private static final int[] WINDOWS = {7, 30, 90};

    /** The members a step brought up to date, and the risk level changes it wrote to the outbox. */
    public record Stepped(List<UUID> members, int riskChanges) {}

    /**
     * Steps {@code candidates} (members whose only changed facts are check-ins, each with the earliest day of those,
     * or null when none changed: journal entries) to what their metrics are at {@code now} with today's latest
     * check-ins, in one transaction on {@code c}; returns whom it stepped (the others must be recomputed) and how
     * many risk level changes it wrote to the outbox.
     */
    public Stepped step(Connection c, Instant now, Map<UUID, LocalDate> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return new Stepped(List.of(), 0);
        }
        String ids = candidates.keySet().stream().map(UUID::toString).collect(Collectors.joining(","));
        String days = candidates.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        var timer = new StreamedEngine.Timer("check-in step");
        try (var s = c.createStatement()) {
            try (var ps = c.prepareStatement(BEGIN)) {
                ps.setString(1, ids);
                drain(ps, ps.execute());
            }
            var stepped = new ArrayList<UUID>();
            try (var ps = c.prepareStatement(FILL_SCOPE)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, ids);
                ps.setString(3, days);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stepped.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            timer.lap("locks, scope");
            if (stepped.isEmpty()) {
                c.commit();
                return new Stepped(stepped, 0);
            }
            var step = read(s);
            timer.lap("rows read");
            step.weeks(c);
            timer.lap("days read");
            var write = step.write();
            write.run(c);
            timer.lap("rows written, risk");
            c.commit();
            timer.log(stepped.size());
            return new Stepped(stepped, write.riskChanges);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Reads every result of a statement run (the counts of updates, rows of queries) and drops them. */
    private static void drain(Statement s, boolean query) throws SQLException {
        while (query || s.getUpdateCount() >= 0) {
            if (query) {
                s.getResultSet().close();
            }
            query = s.getMoreResults();
        }
    }

    /** The scope's habits, streaks and adherence as held, and today's latest check-ins, in one round trip. */
    private static Step read(Statement s) throws SQLException {
        var step = new Step();
        boolean query = s.execute(READ);
        while (!query) { // the analyze
            query = s.getMoreResults();
        }
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                var h = new Habit(rs);
                step.habits.put(h.rules.id(), h);
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                UUID member = rs.getObject(1, UUID.class);
                String scope = rs.getString(2);
                UUID id = rs.getObject(3, UUID.class);
                if (scope.equals("habit")) {
                    var row = new Streak(
                            member,
                            id,
                            rs.getString(4),
                            (Integer) rs.getObject(5),
                            (Integer) rs.getObject(6),
                            (Integer) rs.getObject(7),
                            (Integer) rs.getObject(8),
                            (Integer) rs.getObject(9));
                    step.streaks.computeIfAbsent(member, k -> new ArrayList<>()).add(row);
                    var h = step.habits.get(id);
                    if (h != null && h.rules.member().equals(member)) {
                        h.streak = row;
                    }
                } else if (scope.equals("member") && id.equals(member)) {
                    step.memberStreaks.put(
                            member, new Integer[] {(Integer) rs.getObject(5), (Integer) rs.getObject(6)});
                }
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                var k = key(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getInt(4));
                step.adherence.put(k, new long[] {rs.getLong(5), rs.getLong(6)});
                step.adherenceHeld.put(k, rs.getBigDecimal(7));
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                var h = step.habits.get(rs.getObject(1, UUID.class));
                h.today = new HabitHistory.Checkin(h.rules.today(), rs.getString(2), rs.getBigDecimal(3));
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                step.strengths.put(
                        rs.getObject(2, UUID.class),
                        new Object[] {rs.getObject(1, UUID.class), rs.getBigDecimal(3), rs.getBigDecimal(4)});
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                var risk = new CheckinRisk(rs.getObject(2, LocalDate.class));
                risk.lastDay = rs.getObject(3, LocalDate.class);
                step.risks.put(rs.getObject(1, UUID.class), risk);
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                step.risks.get(rs.getObject(1, UUID.class)).mood =
                        new CheckinRisk.Mood(rs.getString(2), rs.getBoolean(3), rs.getLong(4));
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                step.levels.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return step;
    }

    /** An adherence row's key. */
    private record Key(UUID member, String scope, UUID id, int window) {}

    private static Key key(UUID member, String scope, UUID id, int window) {
        return new Key(member, scope, id, window);
    }

    /** A habit's streak row. */
    private record Streak(
            UUID member,
            UUID habit,
            String unit,
            Integer current,
            Integer longest,
            Integer baseCurrent,
            Integer baseLongest,
            Integer runBefore) {}

    /** What a day's check-in ({@code status}, whether it met the target) adds, in the statements' terms. */
    private record Day(String status, boolean success) {

        boolean logged() {
            return status != null;
        }

        boolean counted() {
            return "DONE".equals(status) || "MISSED".equals(status);
        }

        int met() {
            return logged() && success ? 1 : 0;
        }

        int missed() {
            return logged() && !success && !"SKIPPED".equals(status) ? 1 : 0;
        }

        boolean skipped() {
            return "SKIPPED".equals(status);
        }
    }

    /** A habit of the scope: its rules, state and streak as held, today's latest check-in, the days it reads. */
    private static final class Habit {
        final HabitHistory.Habit rules;
        final HabitRules schedule;
        final Double baseStrength;
        final Double strengthThen;
        final Integer baseValued;
        final Integer baseMisses;
        final LocalDate baseLastGood;
        final String heldStatus;
        final Boolean heldSuccess;
        final Integer heldMisses;
        Streak streak;
        HabitHistory.Checkin today;
        /** The days before today that today's value and week read (n per week, a period longer than a day). */
        final TreeMap<LocalDate, HabitHistory.Checkin> before = new TreeMap<>();

        Habit(ResultSet rs) throws SQLException {
            rules = StreamedEngine.habit(rs);
            schedule = new HabitRules(rules);
            baseStrength = (Double) rs.getObject(12);
            strengthThen = (Double) rs.getObject(13);
            baseValued = (Integer) rs.getObject(14);
            baseMisses = (Integer) rs.getObject(15);
            baseLastGood = rs.getObject(16, LocalDate.class);
            heldStatus = rs.getString(17);
            heldSuccess = (Boolean) rs.getObject(18);
            heldMisses = (Integer) rs.getObject(19);
        }

        Day now() {
            return new Day(today == null ? null : today.status(), schedule.success(today));
        }

        Day held() {
            return new Day(heldStatus, heldSuccess != null && heldSuccess);
        }

        /** Today's check-in is not the one the rows hold (and the habit has its streak row). */
        boolean changed() {
            var now = now();
            return streak != null
                    && (!Objects.equals(now.status(), heldStatus)
                            || (now.logged() && !Objects.equals(now.success(), heldSuccess)));
        }

        /** Whether the habit's schedule is by day (else n per week). */
        boolean byDay() {
            return !rules.weekly();
        }

        /** The first of the days before today that today's value and week read, or null: none. */
        LocalDate firstRead() {
            LocalDate today = rules.today();
            LocalDate first = HabitRules.max(
                    rules.start(), HabitRules.min(today.minusDays(schedule.period() - 1L), HabitRules.monday(today)));
            return "DAILY".equals(rules.schedule()) || !first.isBefore(today) ? null : first;
        }

        private int count(LocalDate from, java.util.function.Predicate<HabitHistory.Checkin> which) {
            int n = 0;
            for (var c : before.tailMap(from, true).values()) {
                n += which.test(c) ? 1 : 0;
            }
            return n;
        }

        int metPrev() {
            return count(rules.today().minusDays(schedule.period() - 1L), schedule::success);
        }

        private LocalDate monday() {
            return HabitRules.monday(rules.today());
        }

        int weekMet() {
            return count(monday(), schedule::success);
        }

        int weekMissed() {
            return count(monday(), c -> !schedule.success(c) && !HabitRules.skip(c));
        }

        int weekSkipped() {
            return count(monday(), HabitRules::skip);
        }

        boolean dueToday() {
            return schedule.due(rules.today());
        }

        /** This week's owed occurrences in sevenths with {@code d} today (SQL's least: a null n is left out). */
        private int weekOwed(Day d) {
            int logged = weekMet() + d.met() + weekMissed() + d.missed();
            Integer n = rules.timesPerWeek();
            return 7 * (n == null ? logged : Math.min(n, logged));
        }

        /** The adherence's met occurrences {@code d} adds, in sevenths: today's (by day) or this week's. */
        int done(Day d) {
            return byDay()
                    ? dueToday() && d.counted() && d.success() ? 7 : 0
                    : Math.min(7 * (weekMet() + d.met()), weekOwed(d));
        }

        /** The adherence's owed occurrences {@code d} adds, in sevenths. */
        int owed(Day d) {
            return byDay() ? dueToday() && d.counted() ? 7 : 0 : weekOwed(d);
        }

        int seriesOwed(Day d) {
            return (byDay() && dueToday() && d.counted()) || (!byDay() && d.logged() && d.success()) ? 1 : 0;
        }

        int seriesMet(Day d) {
            return d.logged() && d.success() && (!byDay() || dueToday()) ? 1 : 0;
        }

        int seriesSkipped(Day d) {
            return d.skipped() ? 1 : 0;
        }

        /** The current streak with today's check-in: the run it continues (n per week: this week's, when met). */
        Integer current() {
            var d = now();
            Integer run = streak.runBefore();
            if (!byDay()) {
                Integer n = rules.timesPerWeek();
                return run == null ? null : run + (n != null && weekMet() + d.met() >= n ? 1 : 0);
            }
            if (dueToday() && d.logged()) {
                if (d.success()) {
                    return run == null ? null : run + 1;
                }
                return d.skipped() ? run : Integer.valueOf(0);
            }
            return streak.baseCurrent();
        }

        /** The strength with today's check-in: today's value enters the base when today counts. */
        Double strength() {
            var d = now();
            if (!d.counted()) {
                return baseStrength;
            }
            Integer owed = schedule.owedPerPeriod();
            if (owed == null || baseStrength == null) {
                return null;
            }
            double m = Math.pow(0.5, Math.sqrt((double) owed / schedule.period()) / 13);
            return m * baseStrength + (1 - m) * Math.min(1.0, (double) (metPrev() + d.met()) / owed);
        }

        private boolean loggedDue() {
            return byDay() && dueToday() && now().logged();
        }

        private boolean good() {
            var d = now();
            return d.success() || d.skipped();
        }

        Integer misses() {
            return loggedDue()
                    ? (good() ? Integer.valueOf(0) : baseMisses == null ? null : baseMisses + 1)
                    : baseMisses;
        }

        LocalDate lastGood() {
            return loggedDue() && good() ? rules.today() : baseLastGood;
        }

        Integer valued() {
            return baseValued == null ? null : baseValued + (now().counted() ? 1 : 0);
        }
    }

    /** What a step reads and writes. */
    private static final class Step {
        final Map<UUID, Habit> habits = new LinkedHashMap<>();
        /** Each member's habits' streak rows. */
        final Map<UUID, List<Streak>> streaks = new HashMap<>();
        /** Each member's own streak row (current, longest). */
        final Map<UUID, Integer[]> memberStreaks = new HashMap<>();
        /** The adherence as held, in sevenths (done, due), by member, scope, id and window. */
        final Map<Key, long[]> adherence = new HashMap<>();
        /** The adherence as held, as the warehouse holds it. */
        final Map<Key, BigDecimal> adherenceHeld = new HashMap<>();
        /** Each habit's strength row as held (member, strength, a week ago), by habit. */
        final Map<UUID, Object[]> strengths = new HashMap<>();
        /** Each member stepped, their risk's inputs as read. */
        final Map<UUID, CheckinRisk> risks = new LinkedHashMap<>();
        /** Each member's risk level as last announced. */
        final Map<UUID, String> levels = new HashMap<>();

        List<Habit> changed() {
            return habits.values().stream().filter(Habit::changed).toList();
        }

        /** An adherence row's sevenths (done, due) as this step leaves it ({@code moved}: the rows it moved). */
        private long[] sevenths(Map<Key, Object[]> moved, Key k) {
            Object[] now = moved.get(k);
            return now == null ? adherence.getOrDefault(k, new long[2]) : new long[] {(Long) now[4], (Long) now[5]};
        }

        /** An adherence row's value as this step leaves it: as held, as moved, or none (nothing owed: no row). */
        private BigDecimal adherenceNow(Map<Key, Object[]> moved, Key k) {
            if (!moved.containsKey(k)) {
                return adherenceHeld.get(k);
            }
            long[] now = sevenths(moved, k);
            return now[1] > 0 ? CheckinRisk.adherence(now[0], now[1]) : null;
        }

        /** The days before today that the changed habits read, in one query. */
        void weeks(Connection c) throws SQLException {
            var ranges = new StreamedEngine.Ranges();
            for (var h : changed()) {
                LocalDate first = h.firstRead();
                if (first != null) {
                    ranges.add(h.rules, first, h.rules.today().minusDays(1));
                }
            }
            ranges.read(c).forEach((habit, days) -> habits.get(habit).before.putAll(days));
        }

        /**
         * What the step writes, statement by statement with its rows: the changed habits' rows, their goals' and
         * members' moved, the members' risk and the levels it changed.
         */
        Write write() {
            var changed = changed();
            var series = new Columns("uuid", "date", "int4", "int4", "int4");
            var state = new Columns("uuid", "uuid", "float8", "int4", "int4", "date", "text", "bool");
            var strength = new Columns("uuid", "uuid", "float8", "float8");
            var habitStreaks = new Columns("uuid", "uuid", "int4", "int4");
            var memberRows = new Columns("uuid", "int4", "int4");
            var rows = new Columns("uuid", "text", "uuid", "int4", "numeric", "numeric", "date");
            // per member: the series' change; per goal and member row: its sevenths moved
            var seriesMoved = new LinkedHashMap<UUID, int[]>();
            var todays = new HashMap<UUID, LocalDate>();
            var moved = new LinkedHashMap<Key, Object[]>();
            var newStreaks = new HashMap<UUID, Integer[]>();
            for (var h : changed) {
                UUID member = h.rules.member();
                LocalDate today = h.rules.today();
                var now = h.now();
                var held = h.held();
                todays.put(member, today);
                int[] d = seriesMoved.computeIfAbsent(member, k -> new int[3]);
                d[0] += h.seriesOwed(now) - h.seriesOwed(held);
                d[1] += h.seriesMet(now) - h.seriesMet(held);
                d[2] += h.seriesSkipped(now) - h.seriesSkipped(held);
                Double newStrength = h.strength();
                state.add(
                        member,
                        h.rules.id(),
                        newStrength,
                        h.valued(),
                        h.misses(),
                        h.lastGood() == null ? null : h.lastGood().toString(),
                        now.status(),
                        now.logged() ? now.success() : null);
                strength.add(member, h.rules.id(), newStrength, h.strengthThen);
                Integer current = h.current();
                Integer base = h.streak.baseLongest();
                Integer longest = current == null ? base : base == null ? current : Math.max(base, current);
                habitStreaks.add(member, h.rules.id(), current, longest);
                newStreaks.put(h.rules.id(), new Integer[] {current, longest});
                long dDone = h.done(now) - h.done(held);
                long dDue = h.owed(now) - h.owed(held);
                UUID goal = h.rules.goal() == null ? member : h.rules.goal();
                for (int w : WINDOWS) {
                    long[] was = adherence.getOrDefault(key(member, "habit", h.rules.id(), w), new long[2]);
                    rows.add(member, "habit", h.rules.id(), w, was[0] + dDone, was[1] + dDue, today.toString());
                    for (Object[] scope : new Object[][] {{"goal", goal}, {"member", member}}) {
                        Key k = key(member, (String) scope[0], (UUID) scope[1], w);
                        moved.computeIfAbsent(k, x -> {
                            long[] sums = adherence.getOrDefault(x, new long[2]);
                            return new Object[] {member, scope[0], scope[1], w, sums[0], sums[1], today.toString()};
                        });
                        Object[] row = moved.get(k);
                        row[4] = (Long) row[4] + dDone;
                        row[5] = (Long) row[5] + dDue;
                    }
                }
            }
            seriesMoved.forEach(
                    (member, d) -> series.add(member, todays.get(member).toString(), d[0], d[1], d[2]));
            moved.values().forEach(rows::add);
            // the member's streak from their habits' (the changed ones as now), for every member stepped: written
            // even when it stayed, as their metrics' version
            for (var e : memberStreaks.entrySet()) {
                Integer current = null;
                Integer longest = null;
                for (var k : streaks.getOrDefault(e.getKey(), List.of())) {
                    if (!"day".equals(k.unit())) {
                        continue;
                    }
                    Integer[] now = newStreaks.getOrDefault(k.habit(), new Integer[] {k.current(), k.longest()});
                    current = max(current, now[0]);
                    longest = max(longest, now[1]);
                }
                int c0 = current == null ? 0 : current;
                int l0 = longest == null ? 0 : longest;
                memberRows.add(e.getKey(), c0, l0);
            }
            // the risk from the rows as now: the habits' (changed ones as written), the member's adherence
            var reasons = new Columns("uuid", "text", "int4", "text");
            var riskRows = new Columns("uuid", "int4", "text", "date");
            var riskGone = new Columns("uuid");
            var changes = new Columns("uuid", "text");
            var levelsGone = new Columns("uuid");
            var levelRows = new Columns("uuid", "text", "date");
            for (var h : habits.values()) {
                var risk = risks.get(h.rules.member());
                risk.habit(h.rules.start());
                risk.misses(newStreaks.containsKey(h.rules.id()) ? h.misses() : h.heldMisses);
            }
            strengths.forEach((habit, held) -> {
                var h = newStreaks.containsKey(habit) ? habits.get(habit) : null;
                risks.get((UUID) held[0])
                        .strength(
                                h == null ? (BigDecimal) held[1] : CheckinRisk.numeric4(h.strength()),
                                h == null ? (BigDecimal) held[2] : CheckinRisk.numeric4(h.strengthThen));
            });
            for (var e : risks.entrySet()) {
                var risk = e.getValue();
                UUID member = e.getKey();
                String heldLevel = levels.get(member);
                if (risk.firstDay == null) { // no habit that counts: no risk
                    riskGone.add(member);
                    if (heldLevel != null) {
                        levelsGone.add(member);
                    }
                    continue;
                }
                var week = key(member, "member", member, 7);
                risk.due7 = sevenths(moved, week)[1];
                risk.a7 = adherenceNow(moved, week);
                risk.a30 = adherenceNow(moved, key(member, "member", member, 30));
                var list = risk.reasons();
                for (var r : list) {
                    reasons.add(member, r.code(), r.points(), r.detail());
                }
                String level = CheckinRisk.level(list);
                riskRows.add(member, CheckinRisk.score(list), level, risk.today.toString());
                if (!level.equals(heldLevel)) {
                    changes.add(member, heldLevel);
                    levelRows.add(member, level, risk.today.toString());
                }
            }
            var write = new Write();
            write.add(SERIES, series);
            write.add(STATE, state);
            write.add(STRENGTH, strength);
            write.always(HABIT_STREAKS, habitStreaks);
            write.add(MEMBER_STREAKS, memberRows);
            write.add(ADHERENCE, rows);
            write.add(RISK_GONE, riskGone);
            write.add(RISK, riskRows, reasons);
            write.add(RISK_CHANGES, changes);
            write.add(LEVELS_GONE, levelsGone);
            write.add(LEVELS, levelRows);
            write.riskChanges = changes.size();
            return write;
        }
    }

    /** SQL's greatest of two that may be null (a null is left out). */
    private static Integer max(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    /** The statements a step writes with, and their arrays, in one round trip. */
    private static final class Write {
        private final List<String> statements = new ArrayList<>();
        private final List<Columns> arrays = new ArrayList<>();
        /** The risk levels announced (rows written to the outbox). */
        int riskChanges;

        /** {@code sql} with its arrays bound in order, left out when the first has no rows. */
        void add(String sql, Columns rows, Columns... more) {
            if (rows.size() > 0) {
                always(sql, rows, more);
            }
        }

        void always(String sql, Columns rows, Columns... more) {
            statements.add(sql);
            arrays.add(rows);
            arrays.addAll(List.of(more));
        }

        /** Runs the statements, their results read and dropped. */
        void run(Connection c) throws SQLException {
            try (var ps = c.prepareStatement(String.join("; ", statements))) {
                int i = 1;
                for (var a : arrays) {
                    i = a.bind(c, ps, i);
                }
                drain(ps, ps.execute());
            }
        }
    }

    /** Rows of values, bound as one array per column. */
    private static final class Columns {
        private final List<List<Object>> columns = new ArrayList<>();
        private final String[] types;

        /** Columns of these SQL types. */
        Columns(String... types) {
            this.types = types;
            for (int i = 0; i < types.length; i++) {
                columns.add(new ArrayList<>());
            }
        }

        int size() {
            return columns.get(0).size();
        }

        void add(Object... row) {
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }

        /** Binds each column as an array of its type from parameter {@code at}; answers the next parameter. */
        int bind(Connection c, java.sql.PreparedStatement ps, int at) throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                String type = types[i];
                Object[] values = columns.get(i).stream()
                        .map(v -> v instanceof Long l && type.equals("numeric") ? BigDecimal.valueOf(l) : v)
                        .toArray();
                // dates and numbers as text where the driver has no array of their Java type; the cast reads them
                boolean asText = type.equals("date") || type.equals("numeric");
                Array array = c.createArrayOf(
                        asText ? "text" : type,
                        asText
                                ? java.util.Arrays.stream(values)
                                        .map(v -> v == null ? null : v.toString())
                                        .toArray()
                                : values);
                ps.setArray(at++, array);
            }
            return at;
        }
    }
}
