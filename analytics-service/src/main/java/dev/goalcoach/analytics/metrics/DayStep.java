package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.PostgresDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The day rollover as a step: a member's metrics as of yesterday (T) become their metrics as of today (T + 1) by
 * what one day changes, read per habit from a few days' check-ins, instead of recomputing 97 days of each habit:
 * O(habits), not O(habit-days). It is exactly the recomputation's result (within float rounding) for a member
 * whose facts did not change since their last refresh, and it steps only such members: their metrics are as of T,
 * the habits that count today are the ones that counted then, and no check-in is dated today or later (a batch
 * notice recomputes a member whose facts changed, as ever). Everyone else is left to {@link MetricsEngine}: the
 * caller recomputes who {@link #step} did not return. PostgreSQL only (the rollover's lock is too); the proof is
 * {@code DayStepTest}, the step against the recomputation day after day over random histories.
 *
 * <p>With no new check-in, from T to T + 1 (docs/ARCHITECTURE.md, analytics: the day's step):
 *
 * <ul>
 *   <li>day T, if it was not logged, now counts (a due, unlogged day is owed and missed), and the first day of
 *       each window (T − 6, T − 29, T − 89) leaves it;
 *   <li>strength: the term of the day leaving the 90 days goes ({@code (1 − m)·v·m^(days held − 1)}), and T,
 *       if it now counts, enters ({@code S·m + (1 − m)·v(T)}); a week ago's strength likewise, with T − 6
 *       entering;
 *   <li>n per week: the weeks of the days leaving and the week of T are counted again (in sevenths: a week's
 *       prorated quota n·days/7 is whole in sevenths, so stored values step without rounding);
 *   <li>the current streak ends when T was due and not logged (n per week: a week not met or excused has ended),
 *       or an every-n-days habit's last due day falls out of the 70 days looked back over; the longest stays;
 *   <li>trailing misses grow by an unlogged due T and lose the day leaving when no met or skipped day is left;
 *   <li>the series shifts by a day; the risk is recomputed from the stepped rows, and a level that changed is
 *       written to the outbox as a refresh writes it ({@link RiskChangeSql}).
 * </ul>
 */
public final class DayStep {

    private static final Logger LOG = Logger.getLogger(DayStep.class);

    private final PostgresDialect sql = new PostgresDialect();
    private final HabitDays days = new HabitDays(sql);
    private final StreakSql streaks = new StreakSql(sql, days);
    private final RiskSql risk = new RiskSql(sql);

    /** The work tables, created once per connection, emptied at commit. */
    private static final String[] WORK_TABLES = {
        "step_scope (member_id uuid primary key, today date not null)",
        "step_habits (habit_id uuid primary key, goal_id uuid, member_id uuid, schedule_type text, days text,"
                + " times_per_week int, every_n_days int, start_date date, target_value numeric,"
                + " target_direction text, today date, period int, owed int, strength float8,"
                + " strength_then float8, valued int, valued_then int, misses int, last_good date,"
                + " current_streak int, longest_streak int, run_before int)",
        "step_checkins (habit_id uuid, local_date date, status text, success boolean)",
        "step_look (habit_id uuid primary key, st_t text, st_e text, st_m text, st_l text, met_t int, met_e int,"
                + " met_l int, ok_e boolean, ok_m boolean, ok_l boolean, week_met int, week_skipped int,"
                + " ok_t boolean)",
        "step_weekly (habit_id uuid, window_days int, done7 int, due7 int)",
        "step_next (habit_id uuid primary key, goal_id uuid, member_id uuid, schedule_type text, today date,"
                + " strength float8, strength_then float8, valued int, valued_then int, misses int, last_good date,"
                + " current_streak int, longest_streak int, done7 numeric, due7 numeric, done30 numeric, due30 numeric,"
                + " done90 numeric, due90 numeric, owed_today int, run_before int)"
    };

    /**
     * Candidates whose facts did not change since their metrics as of yesterday: the ones stepped. Left out: a
     * member whose metrics are not as of yesterday, with a check-in dated today or later, or whose habits that count
     * today (as the engine fills them) are not the ones whose state is as of yesterday.
     */
    private final String fillScope = unchangedSince(sql, "step_scope", "x.today - 1")
            + " and not exists (select 1 from fact_checkins c where c.member_id = x.member_id"
            + " and c.local_date >= x.today)";

    /**
     * Fills {@code scope} (member_id, today: the member's local date at the bound instant) with the bound candidates
     * whose metrics are as of {@code asOf} (an expression of {@code x.today}) and whose habits that count today (as
     * the engine fills them) are the ones whose state is as of then; the caller may add conditions ({@code and ...}).
     */
    static String unchangedSince(PostgresDialect sql, String scope, String asOf) {
        return "insert into " + scope + " (member_id, today)"
                + " with x as (select m.member_id, " + sql.localDateAtParameter("coalesce(m.timezone, 'UTC')")
                + " as today from dim_members m where " + sql.inIdListParameter("m.member_id") + "),"
                + " counting as (select h.member_id, h.habit_id from x join dim_habits h on h.member_id = x.member_id"
                + " join dim_goals g on g.goal_id = h.goal_id where " + HabitDays.COUNTS
                + " and h.start_date <= x.today),"
                + " held as (select t.member_id, t.habit_id from x join metrics_habit_state t"
                + " on t.member_id = x.member_id and t.as_of = " + asOf + "),"
                + " changed as (select coalesce(k.member_id, t.member_id) as member_id from counting k full join held t"
                + " on t.habit_id = k.habit_id where k.habit_id is null or t.habit_id is null"
                + " union select t.member_id from x join metrics_habit_state t on t.member_id = x.member_id"
                + " and t.as_of <> " + asOf + ")"
                + " select x.member_id, x.today from x join metrics_streak s on s.member_id = x.member_id"
                + " and s.scope = 'member' and s.scope_id = x.member_id and s.as_of = " + asOf
                + " where not exists (select 1 from changed d where d.member_id = x.member_id)";
    }

    /** The advisory locks of the bound candidates' buckets, as a refresh takes them (so that the two take turns). */
    static String bucketLocks(PostgresDialect sql) {
        return String.format(
                sql.bucketLocks(),
                "select distinct " + sql.bucketOf("m", MetricsEngine.BUCKETS)
                        + " as b from unnest(cast(string_to_array(?, ',') as uuid[])) m order by b");
    }

    private static final String FILL_HABITS = "insert into step_habits select h.habit_id, h.goal_id, h.member_id,"
            + " h.schedule_type, h.days, h.times_per_week, h.every_n_days, h.start_date, h.target_value,"
            + " h.target_direction, s.today,"
            + " " + HabitDays.PERIOD + ", %s,"
            + " t.strength, t.strength_then, t.valued, t.valued_then, t.misses, t.last_good,"
            + " coalesce(k.current_streak, 0), coalesce(k.longest_streak, 0), coalesce(k.run_before, 0)"
            + " from step_scope s join metrics_habit_state t on t.member_id = s.member_id"
            + " join dim_habits h on h.habit_id = t.habit_id"
            + " left join metrics_streak k on k.member_id = t.member_id and k.scope = 'habit'"
            + " and k.scope_id = t.habit_id";

    /**
     * The latest check-in of each day the step reads (T = today − 1): the periods of T and T − 6 (each as long as
     * the habit's: a day, a week, an every-n-days habit's n days), T − 29, T − 89's period; of an n-per-week habit
     * the weeks of T, T − 6, T − 29 and T − 89.
     */
    private static final String FILL_CHECKINS = "insert into step_checkins (habit_id, local_date, status, success)"
            + " select distinct on (c.habit_id, c.local_date) c.habit_id, c.local_date, c.status, %s"
            + " from step_habits h cross join lateral (values (h.today - 1 - h.period - 5, h.today - 1),"
            + " (case when h.schedule_type = 'TIMES_PER_WEEK' then h.today - 36 else h.today - 30 end,"
            + " case when h.schedule_type = 'TIMES_PER_WEEK' then h.today - 24 else h.today - 30 end),"
            + " (case when h.schedule_type = 'TIMES_PER_WEEK' then h.today - 96 else h.today - 89 - h.period end,"
            + " case when h.schedule_type = 'TIMES_PER_WEEK' then h.today - 84 else h.today - 90 end)) r(lo, hi)"
            + " join fact_checkins c on c.habit_id = h.habit_id"
            + " and c.local_date between greatest(r.lo, h.start_date) and r.hi"
            + " order by c.habit_id, c.local_date, c.recorded_at desc, c.version desc";

    /** Per habit, what it had on the days that change: T, T − 6 (enters a week ago), T − 29, T − 89 (leave). */
    private static final String FILL_LOOK = "insert into step_look select h.habit_id,"
            + " max(case when c.local_date = h.today - 1 then c.status end),"
            + " max(case when c.local_date = h.today - 7 then c.status end),"
            + " max(case when c.local_date = h.today - 30 then c.status end),"
            + " max(case when c.local_date = h.today - 90 then c.status end),"
            + " count(*) filter (where c.success and c.local_date > h.today - 1 - h.period),"
            + " count(*) filter (where c.success and c.local_date between h.today - 6 - h.period and h.today - 7),"
            + " count(*) filter (where c.success and c.local_date between h.today - 89 - h.period and h.today - 90),"
            + " coalesce(bool_or(c.success and c.local_date = h.today - 7), false),"
            + " coalesce(bool_or(c.success and c.local_date = h.today - 30), false),"
            + " coalesce(bool_or(c.success and c.local_date = h.today - 90), false),"
            + " count(*) filter (where c.success and c.local_date >= h.today - 7),"
            + " count(*) filter (where c.status = 'SKIPPED' and c.local_date >= h.today - 7),"
            + " coalesce(bool_or(c.success and c.local_date = h.today - 1), false)"
            + " from step_habits h left join step_checkins c on c.habit_id = h.habit_id group by h.habit_id";

    /**
     * n per week: how each window's sums change, in sevenths, from the weeks that change: the week of the day
     * leaving (T − w + 1) and the week of T, each counted as of T and as of T + 1.
     */
    private String fillWeekly() {
        String counts = "";
        for (String v : new String[] {"old", "new"}) {
            String from = "greatest(s.ws, s.lo_" + v + ")";
            String to = "least(s.ws + 6, s.hi_" + v + ")";
            String in = "c.local_date between " + from + " and " + to;
            counts += ", greatest(0, " + to + " - " + from + " + 1) as days_" + v
                    + ", count(c.habit_id) filter (where " + in + " and c.success) as met_" + v
                    + ", count(c.habit_id) filter (where " + in + " and not c.success and c.status <> 'SKIPPED')"
                    + " as missed_" + v
                    + ", count(c.habit_id) filter (where " + in + " and c.status = 'SKIPPED') as skipped_" + v;
        }
        String owed = "case when days_%1$s = 0 then 0 when ws = %2$s then 7 * least(n, met_%1$s + missed_%1$s)"
                + " else n * (days_%1$s - skipped_%1$s) end";
        String owedOld = String.format(owed, "old", sql.isoWeekStart("t"));
        String owedNew = String.format(owed, "new", sql.isoWeekStart("t + 1"));
        return "insert into step_weekly (habit_id, window_days, done7, due7)"
                + " with spans as (select distinct h.habit_id, h.times_per_week as n, w.days as window_days,"
                + " h.today - 1 as t, greatest(h.start_date, h.today - w.days) as lo_old, h.today - 1 as hi_old,"
                + " greatest(h.start_date, h.today - w.days + 1) as lo_new, h.today as hi_new, x.ws"
                + " from step_habits h cross join (values (7), (30), (90)) w(days)"
                + " cross join lateral (values (" + sql.isoWeekStart("h.today - w.days") + "), ("
                + sql.isoWeekStart("h.today - 1") + ")) x(ws) where h.schedule_type = 'TIMES_PER_WEEK'),"
                + " counted as (select s.habit_id, s.n, s.window_days, s.t, s.ws" + counts
                + " from spans s left join step_checkins c on c.habit_id = s.habit_id"
                + " and c.local_date between s.ws and s.ws + 6"
                + " group by s.habit_id, s.n, s.window_days, s.t, s.ws, s.lo_old, s.hi_old, s.lo_new, s.hi_new)"
                + " select habit_id, window_days, sum(least(7 * met_new, " + owedNew + ") - least(7 * met_old, "
                + owedOld + ")), sum(" + owedNew + " - " + owedOld + ") from counted group by habit_id, window_days";
    }

    /** Every habit's metrics as of T + 1, from its own as of T and what changed. */
    private String fillNext() {
        String t = "(h.today - 1)";
        String dayScheduled = "h.schedule_type <> 'TIMES_PER_WEEK'";
        String unlogged = "k.st_t is null";
        String newDue = dayScheduled + " and " + unlogged + " and " + due(t);
        String m = "power(cast(0.5 as float8), sqrt(cast(h.owed as float8) / h.period) / 13)";
        String leaves = "(" + t + " - 89 >= h.start_date and coalesce(k.st_l, '') <> 'SKIPPED')";
        String leaving = "case when " + leaves + " then (1 - " + m + ") * least(1.0, cast(k.met_l as float8) / h.owed)"
                + " * power(" + m + ", h.%s - 1) else 0 end";
        String enters = "(" + t + " - 6 >= h.start_date and coalesce(k.st_e, '') <> 'SKIPPED')";
        var out = new StringBuilder(
                "insert into step_next select h.habit_id, h.goal_id, h.member_id," + " h.schedule_type, h.today,");
        // strength and a week ago's: the leaving day's term goes, the entering day's comes
        out.append(" case when " + unlogged + " then " + m + " * (h.strength - " + String.format(leaving, "valued")
                + ") + (1 - " + m + ") * least(1.0, cast(k.met_t as float8) / h.owed) else h.strength - "
                + String.format(leaving, "valued") + " end,");
        out.append(" case when " + enters + " then " + m + " * (h.strength_then - "
                + String.format(leaving, "valued_then") + ") + (1 - " + m + ") * least(1.0, cast(k.met_e as float8)"
                + " / h.owed) else h.strength_then - " + String.format(leaving, "valued_then") + " end,");
        out.append(" h.valued - case when " + leaves + " then 1 else 0 end + case when " + unlogged
                + " then 1 else 0 end,");
        out.append(" h.valued_then - case when " + leaves + " then 1 else 0 end + case when " + enters
                + " then 1 else 0 end,");
        // trailing misses and the last met or skipped due day in the 90 days
        out.append(" h.misses + case when " + newDue + " then 1 else 0 end - case when " + dayScheduled
                + " and h.last_good is null and " + t + " - 89 >= h.start_date and " + due(t + " - 89")
                + " then 1 else 0 end,");
        out.append(" case when h.last_good >= " + t + " - 88 then h.last_good end,");
        // the current streak ends, or goes on; the longest stays
        out.append(" case when " + newDue + " then 0 when h.schedule_type = 'EVERY_N_DAYS' and (" + t
                + " - h.start_date) % h.every_n_days >= 70 then 0 when h.schedule_type = 'TIMES_PER_WEEK' and "
                + sql.isoDayOfWeek("h.today") + " = 1 and k.week_met < h.times_per_week and k.week_met < 7 -"
                + " k.week_skipped then 0 else h.current_streak end, h.longest_streak,");
        // adherence: day-scheduled habits step by the day entering and the one leaving; n per week by its weeks
        int[] windows = {7, 30, 90};
        String[] leavingStatus = {"st_e", "st_m", "st_l"};
        String[] leavingMet = {"ok_e", "ok_m", "ok_l"};
        for (int i = 0; i < 3; i++) {
            int w = windows[i];
            String day = t + " - " + (w - 1);
            String owedLeaves = day + " >= h.start_date and " + due(day);
            String aw = "a" + w;
            out.append(" round(coalesce(" + aw + ".done, 0) * 7) + case when " + dayScheduled + " then -7 * case"
                    + " when " + owedLeaves + " and k." + leavingMet[i] + " then 1 else 0 end else coalesce(w" + w
                    + ".done7, 0) end,");
            out.append(" round(coalesce(" + aw + ".due, 0) * 7) + case when " + dayScheduled + " then 7 * (case"
                    + " when " + newDue + " then 1 else 0 end - case when " + owedLeaves + " and coalesce(k."
                    + leavingStatus[i] + ", '') <> 'SKIPPED' then 1 else 0 end) else coalesce(w" + w + ".due7, 0)"
                    + " end,");
        }
        out.append(" case when " + newDue + " then 1 else 0 end,");
        // the run a logged T + 1 continues: T's island when T was due and met or skipped (n per week: on a Monday,
        // last week's island when it was met or excused), 0 when T was due otherwise, else as it was
        out.append(" case when " + dayScheduled + " and " + due(t) + " then case when k.st_t is not null and (k.ok_t"
                + " or k.st_t = 'SKIPPED') then h.current_streak else 0 end when h.schedule_type = 'TIMES_PER_WEEK'"
                + " and " + sql.isoDayOfWeek("h.today") + " = 1 then case when k.week_met >= h.times_per_week or"
                + " k.week_met >= 7 - k.week_skipped then h.current_streak else 0 end else h.run_before end");
        out.append(" from step_habits h join step_look k on k.habit_id = h.habit_id");
        for (int w : windows) {
            out.append(" left join metrics_adherence a" + w + " on a" + w + ".member_id = h.member_id and a" + w
                    + ".scope = 'habit' and a" + w + ".scope_id = h.habit_id and a" + w + ".window_days = " + w);
            out.append(" left join step_weekly w" + w + " on w" + w + ".habit_id = h.habit_id and w" + w
                    + ".window_days = " + w);
        }
        return out.toString();
    }

    /** Whether the habit {@code h} is due on {@code day}. */
    private String due(String day) {
        return "(" + days.dueOn(day, sql.isoDayOfWeek(day)) + ")";
    }

    /** The metric rows the step replaces (the series is stepped in place; the risk by {@link #risk}). */
    private static final String[] REPLACED = {
        "metrics_adherence", "metrics_streak", "metrics_habit_strength", "metrics_habit_state"
    };

    /** Every statement of a step, in order; the first two are bound (the instant and the ids; the ids). */
    List<String> statements() {
        var out = new ArrayList<String>();
        for (String table : WORK_TABLES) {
            out.add("create temporary table if not exists " + table + " on commit delete rows");
        }
        // the buckets of every candidate, as a refresh takes them (so that the two take turns per member)
        out.add(bucketLocks(sql));
        out.add(fillScope);
        out.add(String.format(FILL_HABITS, days.owed()));
        out.add("analyze step_habits");
        out.add(String.format(FILL_CHECKINS, HabitDays.SUCCESS));
        out.add("analyze step_checkins");
        out.add(FILL_LOOK);
        out.add(fillWeekly());
        out.add(fillNext());
        // the series: the day leaving goes, T's owed days that were not logged are added, today starts empty
        out.add("update metrics_series o set first_day = greatest(o.first_day, s.today - 89),"
                + series("owed", "+ coalesce(n.owed, 0)") + "," + series("met", "") + "," + series("skipped", "")
                + ", computed_at = current_timestamp from step_scope s left join (select member_id,"
                + " cast(sum(owed_today) as int) as owed from step_next group by member_id) n"
                + " on n.member_id = s.member_id where o.member_id = s.member_id");
        out.addAll(rows());
        return out;
    }

    /**
     * The statements that replace a stepped member's metric rows from {@code step_next} (each habit's as of the
     * member's today). Today is not logged (or the member would not be stepped), so what a check-in's step continues
     * from is the habit's metrics themselves (no check-in of today). Goal and member rows, the member's streak and
     * the risk follow from the habits' rows.
     */
    private List<String> rows() {
        var out = new ArrayList<String>();
        for (String table : REPLACED) {
            out.add("delete from " + table + " t using step_scope s where t.member_id = s.member_id");
        }
        out.add("insert into metrics_habit_state (member_id, habit_id, as_of, strength, strength_then, valued,"
                + " valued_then, misses, last_good, base_strength, base_valued, base_misses, base_last_good,"
                + " today_status, today_success, computed_at) select member_id, habit_id, today, strength,"
                + " strength_then, valued, valued_then, misses, last_good, strength, valued, misses, last_good,"
                + " cast(null as text), cast(null as boolean), current_timestamp from step_next");
        out.add(String.format(StrengthSql.FROM_STATE, "step_scope"));
        out.add("insert into metrics_streak (member_id, scope, scope_id, unit, current_streak, longest_streak, as_of,"
                + " computed_at, base_current, base_longest, run_before) select member_id, 'habit', habit_id,"
                + " case when schedule_type = 'TIMES_PER_WEEK' then 'week' else 'day' end, current_streak,"
                + " longest_streak, today, current_timestamp, current_streak, longest_streak, run_before"
                + " from step_next");
        out.add(streaks.memberStreaks("step_scope"));
        out.add("insert into metrics_adherence (member_id, scope, scope_id, window_days, done, due, adherence, as_of,"
                + " computed_at) with per_habit as (select member_id, goal_id, habit_id, today, done7, due7, done30,"
                + " due30, done90, due90 from step_next)," + AdherenceSql.ADHERENCE_ROWS);
        out.addAll(risk("step_scope", "join step_habits h on h.member_id = s.member_id", risk));
        return out;
    }

    /**
     * The statements that replace the risk of the members in {@code scope} from their metric rows written before
     * (and write its changes to the outbox); {@code habits} joins to {@code s} (the scope) every habit that counts
     * as {@code h} (its start date).
     */
    private static List<String> risk(String scope, String habits, RiskSql risk) {
        var out = new ArrayList<String>();
        out.add("delete from metrics_risk t using " + scope + " s where t.member_id = s.member_id");
        out.add(risk.of(
                " members as (select s.member_id, s.today, greatest(s.today - 96, min(h.start_date))"
                        + " as first_day from " + scope + " s " + habits + " group by s.member_id, s.today),",
                " last_checkin as (select m.member_id, (select max(c.local_date) from fact_checkins c"
                        + " where c.member_id = m.member_id and c.local_date <= m.today) as last_day"
                        + " from members m),"));
        out.addAll(RiskChangeSql.statements(scope));
        return out;
    }

    /** An array of the series stepped: without its first day if it left the 90, T changed by {@code add}, a 0. */
    private static String series(String column, String add) {
        String a = "o." + column;
        return " " + column + " = " + a + "[(case when o.first_day < s.today - 89 then 2 else 1 end):cardinality(" + a
                + ") - 1] || (" + a + "[cardinality(" + a + ")] " + add + ") || 0";
    }

    /**
     * Steps {@code candidates} (members whose day rolled over) to their date at {@code now}, in one transaction on
     * {@code c}; returns the members it stepped, the others must be recomputed.
     */
    public List<UUID> step(Connection c, Instant now, Collection<UUID> candidates) throws SQLException {
        return run(c, statements(), fillScope, now, candidates, "day step", null);
    }

    /** Runs {@code statements} (none bound) in one round trip, the results read and dropped, and empties it. */
    private static void runTogether(Statement s, List<String> statements, String what) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        boolean result = s.execute(String.join("; ", statements));
        while (result || s.getUpdateCount() >= 0) {
            if (result) {
                s.getResultSet().close();
            }
            result = s.getMoreResults();
        }
        logTime(what, statements.get(0), start);
        statements.clear();
    }

    private static void logTime(String what, String statement, long start) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf(
                    "%s %s: %d us",
                    what,
                    statement.substring(0, Math.min(40, statement.length())),
                    (System.nanoTime() - start) / 1_000);
        }
    }

    /**
     * Runs a step's {@code statements} in one transaction on {@code c}: {@code fillScope} is bound to {@code now},
     * the candidates' ids and, when not null, {@code more}, and answers whom it put in the scope (the members
     * stepped); any other statement with a parameter is bound to the ids; the rest go in runs, a round trip each.
     */
    static List<UUID> run(
            Connection c,
            List<String> statements,
            String fillScope,
            Instant now,
            Collection<UUID> candidates,
            String what,
            String more)
            throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        String ids = candidates.stream().map(UUID::toString).collect(Collectors.joining(","));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        // statements without binds go to the server together, one round trip for a run of them (a step is ~20
        // statements of a few milliseconds each); one at a time when their timings are logged
        boolean timed = LOG.isDebugEnabled();
        try (var s = c.createStatement()) {
            var stepped = new ArrayList<UUID>();
            var pending = new ArrayList<String>();
            for (String statement : statements) {
                boolean bound = statement.contains("?");
                if (!bound) {
                    pending.add(statement);
                    if (!timed) {
                        continue;
                    }
                }
                runTogether(s, pending, what);
                if (!bound) {
                    continue;
                }
                long start = System.nanoTime();
                // the scope's fill answers whom it took
                try (var ps =
                        c.prepareStatement(statement == fillScope ? statement + " returning member_id" : statement)) {
                    if (statement == fillScope) {
                        ps.setTimestamp(1, Timestamp.from(now));
                        ps.setString(2, ids);
                        if (more != null) {
                            ps.setString(3, more);
                        }
                    } else {
                        ps.setString(1, ids);
                    }
                    if (ps.execute() && statement == fillScope) {
                        try (var rs = ps.getResultSet()) {
                            while (rs.next()) {
                                stepped.add(rs.getObject(1, UUID.class));
                            }
                        }
                    }
                }
                if (statement == fillScope) {
                    if (stepped.isEmpty()) {
                        break; // nobody to step: nothing else to do
                    }
                }
                logTime(what, statement, start);
            }
            if (!stepped.isEmpty()) {
                runTogether(s, pending, what);
            }
            c.commit();
            return stepped;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
