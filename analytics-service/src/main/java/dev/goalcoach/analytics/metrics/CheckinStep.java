package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.PostgresDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * one their rows hold are read further and written (in place); their goal's and member's adherence move by what
 * theirs moved, the member's streak follows from the habits' rows, the risk is recomputed from the rows written.
 * PostgreSQL only; proven by {@code CheckinStepTest} (random histories, today's check-ins logged, corrected and
 * retracted, stepped against recomputed on every row).
 *
 * <p>Only the caller knows whether a member's older check-ins are unchanged since their metrics (the warehouse's
 * batch notice says which check-in days a batch touched): it steps members whose changes are today's and
 * recomputes the rest, and whom {@link #step} leaves out (metrics not as of today, habits that count changed).
 */
public final class CheckinStep {

    private final PostgresDialect sql = new PostgresDialect();
    private final HabitDays days = new HabitDays(sql);
    private final RiskSql risk = new RiskSql(sql);

    /** The work tables, created once per connection, emptied at commit. */
    private static final String[] WORK_TABLES = {
        "log_scope (member_id uuid primary key, today date not null)",
        "log_habits (habit_id uuid primary key, goal_id uuid, member_id uuid, schedule_type text, days text,"
                + " times_per_week int, every_n_days int, start_date date, target_value numeric,"
                + " target_direction text, today date, period int, owed int, base_strength float8,"
                + " strength_then float8, base_valued int, valued_then int, base_misses int, base_last_good date,"
                + " base_current int, base_longest int, run_before int, old_status text, old_success boolean,"
                + " status text, success boolean, met_prev int, week_met int, week_missed int, week_skipped int,"
                + " done7 int, due7 int, done30 int, due30 int, done90 int, due90 int, due_today boolean)",
        "log_next (habit_id uuid primary key, goal_id uuid, member_id uuid, schedule_type text, today date,"
                + " strength float8, strength_then float8, valued int, valued_then int, misses int, last_good date,"
                + " current_streak int, longest_streak int, done7 numeric, due7 numeric, done30 numeric, due30 numeric,"
                + " done90 numeric, due90 numeric, run_before int, base_strength float8, base_valued int,"
                + " base_misses int, base_last_good date, base_current int, base_longest int, today_status text,"
                + " today_success boolean, d_owed int, d_met int, d_skipped int)"
    };

    /**
     * Candidates whose metrics and habits' state are as of today, with the habits that count today, and whose
     * changed check-ins are of today (or later: not counted yet); the second parameter lists {@code member=day} for
     * each candidate with changed check-ins, the earliest day.
     */
    private final String fillScope = DayStep.unchangedSince(sql, "log_scope", "x.today")
            + " and not exists (select 1 from unnest(string_to_array(?, ',')) e where split_part(e, '=', 1) ="
            + " cast(x.member_id as text) and cast(split_part(e, '=', 2) as date) < x.today)";

    /**
     * Each habit's state, its old habit adherence (in sevenths), today's latest check-in, and the check-ins before
     * today that today's value and week read: met in the habit's period before today; this week's met, missed and
     * skipped days before today (n per week).
     */
    private String fillHabits() {
        String weekStart = sql.isoWeekStart("s.today");
        String week = "d.local_date >= " + weekStart + " and d.local_date < s.today";
        var out = new StringBuilder("insert into log_habits select h.habit_id, h.goal_id, h.member_id,"
                + " h.schedule_type, h.days, h.times_per_week, h.every_n_days, h.start_date, h.target_value,"
                + " h.target_direction, s.today, " + HabitDays.PERIOD + ", " + days.owed() + ", t.base_strength,"
                + " t.strength_then, t.base_valued, t.valued_then, t.base_misses, t.base_last_good, k.base_current,"
                + " k.base_longest, k.run_before, t.today_status, t.today_success, x.status, x.success, x.met_prev,"
                + " x.week_met, x.week_missed, x.week_skipped");
        for (int w : new int[] {7, 30, 90}) {
            out.append(", round(coalesce(a" + w + ".done, 0) * 7), round(coalesce(a" + w + ".due, 0) * 7)");
        }
        out.append(", " + days.dueOn("s.today", sql.isoDayOfWeek("s.today")));
        // today's latest check-in first, so that only the habits whose check-in changed read the rest (the filter
        // below applies as soon as y is joined)
        out.append(
                " from log_scope s join metrics_habit_state t on t.member_id = s.member_id"
                        + " join dim_habits h on h.habit_id = t.habit_id left join lateral (select c.status, "
                        + HabitDays.SUCCESS
                        + " as success from fact_checkins c where c.member_id = t.member_id and c.habit_id ="
                        + " h.habit_id and c.local_date = s.today order by c.recorded_at desc, c.version desc limit 1) y on true"
                        + " join metrics_streak k on k.member_id = t.member_id and k.scope = 'habit' and k.scope_id = t.habit_id");
        for (int w : new int[] {7, 30, 90}) {
            out.append(" left join metrics_adherence a" + w + " on a" + w + ".member_id = t.member_id and a" + w
                    + ".scope = 'habit' and a" + w + ".scope_id = t.habit_id and a" + w + ".window_days = " + w);
        }
        out.append(" cross join lateral (select max(case when d.local_date = s.today then d.status end) as status,"
                + " coalesce(bool_or(d.success and d.local_date = s.today), false) as success,"
                + " count(*) filter (where d.success and d.local_date > s.today - " + HabitDays.PERIOD
                + " and d.local_date < s.today) as met_prev,"
                + " count(*) filter (where " + week + " and d.success) as week_met,"
                + " count(*) filter (where " + week + " and not d.success and d.status <> 'SKIPPED') as week_missed,"
                + " count(*) filter (where " + week + " and d.status = 'SKIPPED') as week_skipped"
                + " from (select distinct on (c.local_date) c.local_date, c.status, " + HabitDays.SUCCESS
                + " as success from fact_checkins c where c.habit_id = h.habit_id and c.local_date between"
                + " greatest(h.start_date, least(s.today - " + HabitDays.PERIOD + " + 1, " + weekStart + "))"
                + " and s.today order by c.local_date, c.recorded_at desc, c.version desc) d) x");
        // only the habits whose check-in of today is not the one their rows hold: the others' rows stay as they are
        out.append(" where y.status is distinct from t.today_status or (y.status is not null and coalesce(y.success,"
                + " false) is distinct from t.today_success)");
        return out.toString();
    }

    /** What a habit's today's check-in ({@code status}, {@code success}: columns of {@code h}) adds. */
    private final class Today {
        private final String status;
        private final String success;

        Today(String status, String success) {
            this.status = "h." + status;
            this.success = "coalesce(h." + success + ", false)";
        }

        private String counted() {
            return status + " in ('DONE', 'MISSED')";
        }

        private String met() {
            return "case when " + status + " is not null and " + success + " then 1 else 0 end";
        }

        private String missed() {
            return "case when " + status + " is not null and not " + success + " and " + status
                    + " <> 'SKIPPED' then 1 else 0 end";
        }

        /** This week's owed occurrences, in sevenths (n per week: the week under way owes what was logged). */
        private String weekOwed() {
            return "7 * least(h.times_per_week, h.week_met + " + met() + " + h.week_missed + " + missed() + ")";
        }

        /** The adherence's met occurrences today adds, in sevenths: today's (by day) or this week's (n per week). */
        String done() {
            return "case when " + DAY + " then case when " + due() + " and " + counted() + " and " + success
                    + " then 7 else 0 end else least(7 * (h.week_met + " + met() + "), " + weekOwed() + ") end";
        }

        /** The adherence's owed occurrences today adds, in sevenths. */
        String owed() {
            return "case when " + DAY + " then case when " + due() + " and " + counted() + " then 7 else 0 end else "
                    + weekOwed() + " end";
        }

        /** The series' owed, met and skipped of today, as {@code SeriesSql} counts them. */
        String seriesOwed() {
            return "case when (" + DAY + " and " + due() + " and " + counted() + ") or (not " + DAY + " and " + status
                    + " is not null and " + success + ") then 1 else 0 end";
        }

        String seriesMet() {
            return "case when " + status + " is not null and " + success + " and (not " + DAY + " or " + due()
                    + ") then 1 else 0 end";
        }

        String seriesSkipped() {
            return "case when " + status + " = 'SKIPPED' then 1 else 0 end";
        }
    }

    private static final String DAY = "h.schedule_type <> 'TIMES_PER_WEEK'";

    /** Whether the habit {@code h} is due today (filled once, with the habits). */
    private static String due() {
        return "h.due_today";
    }

    /** Each habit's metrics as of today with today's latest check-in, from its base and what the rows held. */
    private String fillNext() {
        var now = new Today("status", "success");
        var held = new Today("old_status", "old_success");
        String m = "power(cast(0.5 as float8), sqrt(cast(h.owed as float8) / h.period) / 13)";
        String good = "(h.success or h.status = 'SKIPPED')";
        String loggedDue = DAY + " and " + due() + " and h.status is not null";
        var out = new StringBuilder("insert into log_next with n as (select h.*, case when not " + DAY
                + " then h.run_before + case when h.week_met + " + now.met() + " >= h.times_per_week then 1 else 0"
                + " end when " + loggedDue + " then case when h.success then h.run_before + 1 when h.status ="
                + " 'SKIPPED' then h.run_before else 0 end else h.base_current end as current_streak"
                + " from log_habits h) select h.habit_id, h.goal_id, h.member_id, h.schedule_type, h.today,");
        // strength: today's value enters the base when today counts (logged DONE or MISSED)
        out.append(" case when " + now.counted() + " then " + m + " * h.base_strength + (1 - " + m + ") * least(1.0,"
                + " cast(h.met_prev + " + now.met() + " as float8) / h.owed) else h.base_strength end,"
                + " h.strength_then, h.base_valued + case when " + now.counted() + " then 1 else 0 end,"
                + " h.valued_then,");
        // trailing misses and the last good day: a due today met or skipped ends the misses, else adds one
        out.append(" case when " + loggedDue + " then case when " + good + " then 0 else h.base_misses + 1 end"
                + " else h.base_misses end, case when " + loggedDue + " and " + good + " then h.today else"
                + " h.base_last_good end,");
        out.append(" h.current_streak, greatest(h.base_longest, h.current_streak),");
        for (int w : new int[] {7, 30, 90}) {
            out.append(" h.done" + w + " - (" + held.done() + ") + (" + now.done() + "), h.due" + w + " - ("
                    + held.owed() + ") + (" + now.owed() + "),");
        }
        out.append(" h.run_before, h.base_strength, h.base_valued, h.base_misses, h.base_last_good, h.base_current,"
                + " h.base_longest, h.status, case when h.status is null then null else h.success end,");
        out.append(" (" + now.seriesOwed() + ") - (" + held.seriesOwed() + "), (" + now.seriesMet() + ") - ("
                + held.seriesMet() + "), (" + now.seriesSkipped() + ") - (" + held.seriesSkipped() + ")");
        return out.append(" from n h").toString();
    }

    /** Every statement of a step, in order; the scope's is bound to the instant and the ids, the locks to the ids. */
    List<String> statements() {
        var out = new ArrayList<String>();
        for (String table : WORK_TABLES) {
            out.add("create temporary table if not exists " + table + " on commit delete rows");
        }
        // a step is about a few members: its statements join from them outwards as written, so the planner need not
        // weigh every join order (planning the habits' fill took 5-6 ms of its 7)
        out.add("set local join_collapse_limit = 1");
        out.add("set local from_collapse_limit = 1");
        out.add(DayStep.bucketLocks(sql));
        out.add(fillScope);
        // the planner must know how few members and habits this step is about (else it scans the metric tables)
        out.add("analyze log_scope");
        out.add(fillHabits());
        out.add("analyze log_habits");
        out.add(fillNext());
        // the series: today's owed, met and skipped moved by what today's check-ins changed
        out.add("update metrics_series o set" + lastDay("owed") + "," + lastDay("met") + "," + lastDay("skipped")
                + ", computed_at = current_timestamp from (select member_id, min(today) as today, cast(sum(d_owed)"
                + " as int) as owed, cast(sum(d_met) as int) as met, cast(sum(d_skipped) as int) as skipped"
                + " from log_next group by member_id) n where o.member_id = n.member_id"
                + " and o.first_day + cardinality(o.owed) - 1 = n.today");
        out.addAll(habitRows());
        out.add(adherence());
        out.addAll(DayStep.risk(
                "log_scope",
                "join metrics_habit_state t on t.member_id = s.member_id join dim_habits h on h.habit_id = t.habit_id",
                risk));
        return out;
    }

    /**
     * The rows of the habits whose check-in changed, updated in place (the other habits' rows are unchanged), and
     * the member's streak from their habits' (written only when it moved; the statement runs, so that the write is
     * announced, see {@code MetricsChanges}).
     */
    private static List<String> habitRows() {
        String changed = " from log_next n where t.member_id = n.member_id and t.habit_id = n.habit_id";
        return List.of(
                "update metrics_habit_state t set strength = n.strength, strength_then = n.strength_then, valued ="
                        + " n.valued, valued_then = n.valued_then, misses = n.misses, last_good = n.last_good,"
                        + " base_strength = n.base_strength, base_valued = n.base_valued, base_misses = n.base_misses,"
                        + " base_last_good = n.base_last_good, today_status = n.today_status, today_success ="
                        + " n.today_success, computed_at = current_timestamp" + changed,
                "update metrics_habit_strength t set strength = n.strength, strength_week_ago = n.strength_then,"
                        + " computed_at = current_timestamp" + changed,
                "update metrics_streak t set current_streak = n.current_streak, longest_streak = n.longest_streak,"
                        + " base_current = n.base_current, base_longest = n.base_longest, run_before = n.run_before,"
                        + " computed_at = current_timestamp from log_next n where t.member_id = n.member_id"
                        + " and t.scope = 'habit' and t.scope_id = n.habit_id",
                "update metrics_streak t set current_streak = m.current_streak, longest_streak = m.longest_streak,"
                        + " computed_at = current_timestamp from (select s.member_id, coalesce(max(k.current_streak)"
                        + " filter (where k.unit = 'day'), 0) as current_streak, coalesce(max(k.longest_streak)"
                        + " filter (where k.unit = 'day'), 0) as longest_streak from log_scope s left join"
                        + " metrics_streak k on k.member_id = s.member_id and k.scope = 'habit' group by s.member_id)"
                        + " m where t.member_id = m.member_id and t.scope = 'member' and t.scope_id = m.member_id"
                        + " and (t.current_streak, t.longest_streak) is distinct from (m.current_streak,"
                        + " m.longest_streak)");
    }

    /**
     * The adherence rows the changed habits move, in sevenths of an occurrence ({@code n}): each habit's own (its
     * new done and owed), and its goal's and member's: what their rows held plus what each changed habit's moved by.
     * Rows that changed are written, a row whose owed becomes 0 goes (the recomputation writes none), as in {@code
     * AdherenceSql}; the two touch different rows, so one statement does both.
     */
    private static String adherence() {
        var out = new StringBuilder("with d as (select n.member_id, n.goal_id, n.habit_id, n.today, w.window_days");
        for (String col : new String[] {"done", "due"}) {
            out.append(", case w.window_days when 7 then n." + col + "7 when 30 then n." + col + "30 else n." + col
                    + "90 end as " + col + ", case w.window_days when 7 then n." + col + "7 - h." + col
                    + "7 when 30 then n." + col + "30 - h." + col + "30 else n." + col + "90 - h." + col
                    + "90 end as d_"
                    + col);
        }
        out.append(" from log_next n join log_habits h on h.habit_id = n.habit_id cross join (values (7), (30), (90))"
                + " w (window_days)),");
        out.append(" n as (select member_id, 'habit' as scope, habit_id as scope_id, window_days, done, due, today"
                + " from d");
        out.append(moved("goal", "coalesce(d.goal_id, d.member_id)"));
        out.append(moved("member", "d.member_id"));
        out.append("), gone as (delete from metrics_adherence a using n where a.member_id = n.member_id and a.scope ="
                + " n.scope and a.scope_id = n.scope_id and a.window_days = n.window_days and n.due = 0)");
        out.append(" insert into metrics_adherence (member_id, scope, scope_id, window_days, done, due, adherence,"
                + " as_of, computed_at) select member_id, scope, scope_id, window_days, done / 7, due / 7, least(1,"
                + " done / nullif(due, 0)), today, current_timestamp from n where due > 0 on conflict (member_id,"
                + " scope, scope_id, window_days) do update set done = excluded.done, due = excluded.due, adherence ="
                + " excluded.adherence, as_of = excluded.as_of, computed_at = excluded.computed_at where"
                + " (metrics_adherence.done, metrics_adherence.due, metrics_adherence.adherence, metrics_adherence.as_of)"
                + " is distinct from (excluded.done, excluded.due, excluded.adherence, excluded.as_of)");
        return out.toString();
    }

    /** The rows of {@code scope} ({@code id}: its id in {@code d}) as held, moved by the changed habits'. */
    private static String moved(String scope, String id) {
        return " union all select d.member_id, '" + scope + "', " + id + ", d.window_days, coalesce(round(a.done * 7),"
                + " 0) + sum(d.d_done), coalesce(round(a.due * 7), 0) + sum(d.d_due), max(d.today) from d left join"
                + " metrics_adherence a on a.member_id = d.member_id and a.scope = '" + scope + "' and a.scope_id = "
                + id + " and a.window_days = d.window_days group by d.member_id, " + id + ", d.window_days, a.done,"
                + " a.due";
    }

    /** A series array with its last day (today) moved by the member's change in {@code n}. */
    private static String lastDay(String column) {
        String a = "o." + column;
        return " " + column + " = " + a + "[1:cardinality(" + a + ") - 1] || (" + a + "[cardinality(" + a + ")] + n."
                + column + ")";
    }

    /**
     * Steps {@code candidates} (members whose only changed facts are check-ins, each with the earliest day of those,
     * or null when none changed: journal entries) to what their metrics are at {@code now} with today's latest
     * check-ins, in one transaction on {@code c}; returns whom it stepped, the others
     * must be recomputed.
     */
    public List<UUID> step(Connection c, Instant now, Map<UUID, LocalDate> candidates) throws SQLException {
        String days = candidates.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return DayStep.run(c, statements(), fillScope, now, candidates.keySet(), "check-in step", days);
    }
}
