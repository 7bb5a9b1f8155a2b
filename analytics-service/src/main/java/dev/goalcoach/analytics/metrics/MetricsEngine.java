package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Computes the metrics in the warehouse with set-based SQL, for some members or all, as of an instant: each
 * member's "today" is their own local date then. One transaction: the members' old rows go, the new ones come.
 * The SQL is written once and spelled by the warehouse's {@link Dialect} where PostgreSQL (run in every test) and
 * Snowflake (golden file, driver run against a stub) differ. Definitions (docs/ARCHITECTURE.md, analytics) are
 * pinned by {@code MetricsTest}.
 */
public final class MetricsEngine {

    /** Every table a refresh replaces the members' rows of. */
    private static final String[] TABLES = {
        "metrics_adherence",
        "metrics_streak",
        "metrics_habit_strength",
        "metrics_habit_state",
        "metrics_risk",
        "metrics_series"
    };

    /** Members are locked in this many buckets: a refresh takes at most this many locks. */
    public static final int BUCKETS = 256;

    private static final String[] DAY_NAMES = {
        "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"
    };

    private static final Logger LOG = Logger.getLogger(MetricsEngine.class);

    private final Dialect sql;

    /** The work tables, by name: filled in this order, each once per refresh. */
    private final Map<String, String> workTables = new LinkedHashMap<>();

    /** The metric statements, by name, in the order they run (later ones read earlier ones' rows). */
    private final Map<String, String> metrics = new LinkedHashMap<>();

    public MetricsEngine(Dialect sql) {
        this.sql = sql;
        String uuid = sql.type(Table.Type.UUID);
        String text = sql.type(Table.Type.TEXT);
        String integer = sql.type(Table.Type.INT);
        String date = sql.type(Table.Type.DATE);
        String number = sql.type(Table.Type.NUMBER);
        String bool = sql.type(Table.Type.BOOLEAN);
        workTables.put("refresh_scope", "member_id " + uuid + " primary key, today " + date + " not null");
        workTables.put(
                "refresh_habits",
                "habit_id " + uuid + " primary key, goal_id " + uuid + ", member_id " + uuid + ", schedule_type "
                        + text + ", days " + text + ", times_per_week " + integer + ", every_n_days " + integer
                        + ", start_date " + date + ", target_value " + number + ", target_direction " + text
                        + ", today " + date);
        workTables.put(
                "refresh_checkins",
                "habit_id " + uuid + ", local_date " + date + ", status " + text + ", value " + number);
        workTables.put(
                "refresh_days",
                "habit_id " + uuid + ", goal_id " + uuid + ", member_id " + uuid + ", schedule_type " + text
                        + ", times_per_week " + integer + ", period " + integer + ", owed " + integer + ", today "
                        + date + ", day " + date + ", iso_year " + integer + ", iso_week " + integer + ", status "
                        + text + ", success " + bool + ", skipped " + bool + ", due " + bool + ", counted " + bool);
        metrics.put("adherence", adherence());
        metrics.put("streaks", streaks());
        metrics.put("member_streaks", memberStreaks());
        metrics.put("strength", strength());
        metrics.put("strength_shown", String.format(STRENGTH_FROM_STATE, "refresh_scope"));
        metrics.put("risk", risk());
        metrics.put("series", series());
    }

    // --- the work tables: habits, their latest check-ins, the day grid, filled once per refresh

    /** Members asked about (null: everyone in the warehouse) with their local date at {@code ?}. */
    private String fillScope(boolean everyone) {
        return "insert into refresh_scope (member_id, today) select m.member_id, "
                + sql.localDateAtParameter("coalesce(m.timezone, 'UTC')") + " from dim_members m"
                + (everyone ? "" : " where " + sql.inIdListParameter("m.member_id"));
    }

    /** A habit {@code h} of goal {@code g} that counts, once started: active, still in its goal's plan, goal ACTIVE. */
    static final String COUNTS = "h.active and not h.removed and g.status = 'ACTIVE'";

    /** Habits that count now: active, still in their goal's plan, the goal ACTIVE, started by the member's today. */
    private static final String FILL_HABITS = "insert into refresh_habits (habit_id, goal_id, member_id,"
            + " schedule_type, days, times_per_week, every_n_days, start_date, target_value, target_direction, today)"
            + " select h.habit_id, h.goal_id, h.member_id, h.schedule_type, h.days, h.times_per_week, h.every_n_days,"
            + " h.start_date, h.target_value, h.target_direction, s.today"
            + " from dim_habits h join refresh_scope s on s.member_id = h.member_id"
            + " join dim_goals g on g.goal_id = h.goal_id"
            + " where " + COUNTS + " and h.start_date <= s.today";

    /**
     * The latest check-in per habit and day since the habit started (a retracted one is gone from the facts), read
     * once per refresh by the day grid and the streaks.
     */
    private String fillCheckins() {
        return "insert into refresh_checkins (habit_id, local_date, status, value) "
                + sql.firstPerKey(
                        "c.habit_id, c.local_date, c.status, c.value",
                        "fact_checkins c join refresh_habits h on h.habit_id = c.habit_id"
                                + " where c.local_date between h.start_date and h.today",
                        "c.habit_id, c.local_date",
                        "c.recorded_at desc, c.version desc");
    }

    /** A check-in meets its habit: DONE, and a measurable habit's value on the right side of its target. */
    static final String SUCCESS = "coalesce(c.status = 'DONE' and (h.target_value is null or c.value is null"
            + " or (h.target_direction = 'AT_MOST' and c.value <= h.target_value)"
            + " or (coalesce(h.target_direction, 'AT_LEAST') <> 'AT_MOST' and c.value >= h.target_value)), false)";

    /** How many days a WEEKDAYS habit is due per week (at least one, so that it owes something). */
    String weekdaysOwed() {
        return "greatest(1, coalesce(" + sql.listSize("h.days") + ", 0))";
    }

    /** The name of ISO day {@code dow}, as schedules list them. */
    private static String dayName(String dow) {
        var name = new StringBuilder("case " + dow);
        for (int i = 0; i < 7; i++) {
            name.append(" when ")
                    .append(i + 1)
                    .append(" then '")
                    .append(DAY_NAMES[i])
                    .append("'");
        }
        return name.append(" end").toString();
    }

    /** Whether a day-scheduled habit is due on day {@code d} (ISO day of week {@code dow}). */
    String dueOn(String d, String dow) {
        return "case h.schedule_type when 'DAILY' then true"
                + " when 'WEEKDAYS' then (',' || coalesce(h.days, '') || ',') like '%,' || " + dayName(dow)
                + " || ',%' when 'EVERY_N_DAYS' then " + sql.daysBetween("h.start_date", d)
                + " % h.every_n_days = 0 else false end";
    }

    /**
     * Every habit-day of the last 90 member-local days (today included) and of the period before the first of them
     * (7 days; an every-n-days habit's n when longer), so that each scored day's value sees its whole period, with
     * its check-in, whether it was met, skipped, due, and counted (a past day, or today once logged), filled once
     * per refresh and read by every metric (each reads from 90 days back, or, the risk's first day, 96).
     */
    private String fillDays() {
        return "insert into refresh_days (habit_id, goal_id, member_id, schedule_type, times_per_week, period, owed,"
                + " today, day, iso_year, iso_week, status, success, skipped, due, counted)"
                + " select h.habit_id, h.goal_id, h.member_id, h.schedule_type, h.times_per_week,"
                + " case h.schedule_type when 'DAILY' then 1 when 'EVERY_N_DAYS' then h.every_n_days else 7 end,"
                + " case h.schedule_type when 'TIMES_PER_WEEK' then h.times_per_week when 'WEEKDAYS' then "
                + weekdaysOwed() + " else 1 end,"
                + " h.today, d.date_key, d.iso_year, d.iso_week, c.status, " + SUCCESS + ","
                + " coalesce(c.status = 'SKIPPED', false), " + dueOn("d.date_key", "d.iso_day_of_week") + ","
                + " (d.date_key < h.today or c.status in ('DONE', 'MISSED'))"
                + " from refresh_habits h "
                + sql.joinDays(
                        "greatest(h.start_date, "
                                + sql.plusDays(
                                        "h.today",
                                        "-89 - case when h.schedule_type = 'EVERY_N_DAYS' and h.every_n_days > 7"
                                                + " then h.every_n_days else 7 end")
                                + ")",
                        "h.today")
                + " left join refresh_checkins c on c.habit_id = h.habit_id and c.local_date = d.date_key";
    }

    // --- the metrics

    /** Whether {@code day} is within the last {@code w} days up to {@code today}. */
    private String within(String day, String today, int w) {
        return sql.daysBetween(day, today) + " < " + w;
    }

    private String adherence() {
        return "insert into metrics_adherence (member_id, scope, scope_id, window_days, done, due, adherence, as_of,"
                + " computed_at)"
                + " with days as (select * from refresh_days where day >= " + sql.plusDays("today", "-89") + "),"
                // day-scheduled habits: every due, counted, not skipped day is one occurrence
                + " daily as (select member_id, goal_id, habit_id, today," + perWindow("success", "true")
                + " from days where schedule_type <> 'TIMES_PER_WEEK' and due and counted and not skipped"
                + " group by member_id, goal_id, habit_id, today),"
                // n per ISO week: a past week owes n, prorated by its days in the window that were not skipped; the
                // current week owes only what was done or missed so far (the member still has days left)
                + " weeks as (select member_id, goal_id, habit_id, max(today) as today, max(times_per_week) as n, "
                + sql.anyOf("day = today") + " as current_week," + weekCounts(7) + "," + weekCounts(30) + ","
                + weekCounts(90) + " from days where schedule_type = 'TIMES_PER_WEEK' group by member_id, goal_id,"
                + " habit_id, iso_year, iso_week),"
                + " weekly as (select member_id, goal_id, habit_id, max(today) as today," + weekOwed(7) + ","
                + weekOwed(30) + ","
                + weekOwed(90) + " from weeks group by member_id, goal_id, habit_id),"
                + " per_habit as (select * from daily union all select * from weekly)," + ADHERENCE_ROWS;
    }

    /**
     * The adherence rows from {@code per_habit} (member, goal, habit, done and due of each window in sevenths): a
     * habit's windows that owe something, summed per goal and per member, as of the member's {@code today}.
     */
    static final String ADHERENCE_ROWS = " occurrences as (select member_id, goal_id, habit_id, today,"
            + " 7 as window_days, done7 as done, due7 as due from per_habit where due7 > 0 union all select member_id,"
            + " goal_id, habit_id, today, 30, done30, due30 from per_habit where due30 > 0 union all select member_id,"
            + " goal_id, habit_id, today, 90, done90, due90 from per_habit where due90 > 0)"
            + " select o.member_id, case when grouping(o.habit_id) = 0 then 'habit' when grouping(o.goal_id) = 0"
            + " then 'goal' else 'member' end, coalesce(o.habit_id, o.goal_id, o.member_id), o.window_days,"
            + " sum(o.done) / 7, sum(o.due) / 7, least(1, sum(o.done) / nullif(sum(o.due), 0)),"
            + " max(o.today), current_timestamp"
            + " from occurrences o group by grouping sets ((o.member_id, o.window_days, o.goal_id, o.habit_id),"
            + " (o.member_id, o.window_days, o.goal_id), (o.member_id, o.window_days))";

    /** Met and owed occurrences of the last 7, 30 and 90 days, in one pass over the days (in sevenths). */
    private String perWindow(String met, String owed) {
        var out = new StringBuilder();
        for (int w : new int[] {7, 30, 90}) {
            String in = within("day", "today", w);
            out.append(w == 7 ? " " : ", ")
                    .append("cast(7 * " + sql.countIf(met + " and " + in) + " as numeric) as done" + w)
                    .append(", cast(7 * " + sql.countIf(owed + " and " + in) + " as numeric) as due" + w);
        }
        return out.toString();
    }

    /** One ISO week of an n-per-week habit, within the last {@code w} days: its days, skips, met and missed. */
    private String weekCounts(int w) {
        String in = within("day", "today", w);
        return " " + sql.countIf(in) + " as days" + w
                + ", " + sql.countIf(in + " and skipped") + " as skipped" + w
                + ", " + sql.countIf(in + " and success") + " as met" + w
                + ", " + sql.countIf(in + " and status is not null and not success and not skipped") + " as missed"
                + w;
    }

    /**
     * What the weeks of an n-per-week habit owe within the last {@code w} days, and what of it was met, in sevenths
     * of an occurrence: a past week's quota prorated by its days, n·days/7, is whole in sevenths, so sums and ratios
     * are exact (a ratio on the half rounds the same in every refresh and every step).
     */
    private static String weekOwed(int w) {
        String owed = "case when days" + w + " = 0 then 0 when current_week then 7 * least(n, met" + w + " + missed" + w
                + ") else n * (days" + w + " - skipped" + w + ") end";
        return " cast(sum(least(7 * met" + w + ", " + owed + ")) as numeric) as done" + w + ", cast(sum(" + owed
                + ") as numeric) as due" + w;
    }

    /** The index of a day's ISO week, counted from the habit's first week. */
    private String weekIndex(String d) {
        return sql.quotient(sql.daysBetween(sql.isoWeekStart("h.start_date"), sql.isoWeekStart(d)), "7");
    }

    /** A day's running occurrence index within its day-scheduled habit. */
    private String index(String d) {
        return "case h.schedule_type when 'DAILY' then " + sql.daysBetween("h.start_date", d)
                + " when 'EVERY_N_DAYS' then " + sql.quotient(sql.daysBetween("h.start_date", d), "h.every_n_days")
                + " else " + weekIndex(d) + " * " + sql.listSize("h.days") + " + "
                + weekdaysUpTo(sql.isoDayOfWeek(d)) + " end";
    }

    /** How many of a WEEKDAYS habit's days fall on or before ISO day {@code dow}: a dense index within a week. */
    private static String weekdaysUpTo(String dow) {
        var sum = new StringBuilder("(");
        for (int i = 0; i < 7; i++) {
            sum.append(i == 0 ? "" : " + ")
                    .append("case when (',' || coalesce(h.days, '') || ',') like '%,")
                    .append(DAY_NAMES[i])
                    .append(",%' and ")
                    .append(i + 1)
                    .append(" <= ")
                    .append(dow)
                    .append(" then 1 else 0 end");
        }
        return sum.append(")").toString();
    }

    /**
     * Streaks over the whole history, from the check-ins alone (no day grid): each due occurrence gets a running
     * index (day-scheduled habits) or a week index (n per week); consecutive indexes of met or skipped occurrences
     * form islands (gaps-and-islands); skips continue an island without lengthening it. The current streak is the
     * island ending at today's occurrence once today is logged (met or skipped: it goes on; missed: it is 0), else
     * at the last occurrence before today: today not yet logged does not break it.
     */
    private String streaks() {
        return "insert into metrics_streak (member_id, scope, scope_id, unit, current_streak, longest_streak, as_of,"
                + " computed_at)"
                + " with occurrences as (select h.member_id, h.goal_id, h.habit_id, h.schedule_type, h.today,"
                + " c.local_date, " + SUCCESS + " as success, c.status = 'SKIPPED' as skipped, " + index("c.local_date")
                + " as idx from refresh_habits h join refresh_checkins c on c.habit_id = h.habit_id"
                + " where h.schedule_type <> 'TIMES_PER_WEEK' and "
                + dueOn("c.local_date", sql.isoDayOfWeek("c.local_date")) + "),"
                + " weeks as (select h.member_id, h.goal_id, h.habit_id, h.schedule_type, h.today, "
                + weekIndex("c.local_date") + " as idx, " + sql.countIf(SUCCESS) + " as done, "
                + sql.countIf("c.status = 'SKIPPED'") + " as skipped, max(h.times_per_week) as n"
                + " from refresh_habits h join refresh_checkins c on c.habit_id = h.habit_id"
                + " where h.schedule_type = 'TIMES_PER_WEEK' group by h.member_id, h.goal_id, h.habit_id,"
                + " h.schedule_type, h.today, " + weekIndex("c.local_date") + "),"
                + " marks as (select member_id, goal_id, habit_id, schedule_type, today, idx, success, skipped"
                + " from occurrences where success or skipped"
                + " union all select member_id, goal_id, habit_id, schedule_type, today, idx, done >= n,"
                + " done < n and done >= 7 - skipped from weeks where done >= n or done >= 7 - skipped),"
                + " islands as (select member_id, goal_id, habit_id, schedule_type, today, min(idx) as first_idx,"
                + " max(idx) as last_idx, " + sql.countIf("success") + " as length"
                + " from (select m.*, m.idx - row_number() over (partition by m.habit_id order by m.idx) as island"
                + " from marks m) x group by member_id, goal_id, habit_id, schedule_type, today, island),"
                // where the current streak must end: today's occurrence once today is logged, else the last one
                // before (day-scheduled), or this week's or last week's (n per week: the week under way does not
                // break it)
                + " day_ends as (select h.habit_id, max(" + index("d.date_key") + ") as current_end"
                + " from refresh_habits h "
                + sql.joinDays("greatest(h.start_date, " + sql.plusDays("h.today", "-70") + ")", "h.today")
                + " left join refresh_checkins t on t.habit_id = h.habit_id and t.local_date = h.today"
                + " where h.schedule_type <> 'TIMES_PER_WEEK' and " + dueOn("d.date_key", "d.iso_day_of_week")
                + " and (d.date_key < h.today or t.habit_id is not null) group by h.habit_id),"
                + " week_ends as (select i.habit_id, max(i.last_idx) as current_end from islands i"
                + " join refresh_habits h on h.habit_id = i.habit_id where i.schedule_type = 'TIMES_PER_WEEK'"
                + " and i.last_idx >= " + weekIndex("h.today") + " - 1 group by i.habit_id),"
                + " longest as (select habit_id, max(length) as length from islands group by habit_id)"
                + " select h.member_id, 'habit', h.habit_id, case when h.schedule_type = 'TIMES_PER_WEEK' then 'week'"
                + " else 'day' end, coalesce(cur.length, 0), coalesce(l.length, 0), h.today, current_timestamp"
                + " from refresh_habits h left join (select habit_id, current_end from day_ends union all"
                + " select habit_id, current_end from week_ends) e on e.habit_id = h.habit_id"
                + " left join islands cur on cur.habit_id = h.habit_id and cur.last_idx = e.current_end"
                + " left join longest l on l.habit_id = h.habit_id";
    }

    /** Member rows: their best current and longest streak of any habit, in days. */
    private String memberStreaks() {
        return memberStreaks("refresh_scope");
    }

    /** Member streak rows of the members in {@code scope} (member_id, today), from their habit rows. */
    String memberStreaks(String scope) {
        return "insert into metrics_streak (member_id, scope, scope_id, unit, current_streak, longest_streak, as_of,"
                + " computed_at) select s.member_id, 'member', s.member_id, 'day', coalesce("
                + sql.maxIf("m.current_streak", "m.unit = 'day'") + ", 0), coalesce("
                + sql.maxIf("m.longest_streak", "m.unit = 'day'") + ", 0), s.today, current_timestamp"
                + " from " + scope + " s left join metrics_streak m on m.member_id = s.member_id and m.scope = 'habit'"
                + " group by s.member_id, s.today";
    }

    /**
     * Habit strength: exponential smoothing per day, {@code score = prev·m + value·(1 − m)}, {@code m =
     * 0.5^(√f / 13)} with f the habit's occurrences per day, over the last 90 days from 0; a day's value is min(1,
     * met occurrences in the habit's last period ÷ occurrences owed in it); skipped days hold the score; today
     * counts once logged. Closed form: (1 − m)·Σ value·m^(later counted days). Written unrounded to {@code
     * metrics_habit_state} with what the day rollover steps from (docs/ARCHITECTURE.md, analytics: the day's
     * step): how many days the sums hold, and each habit's trailing misses after its last met or skipped due day.
     */
    private String strength() {
        // met occurrences in the habit's last period: the running count now minus the running count a period ago
        // (one row per day, so that is the row `period` rows back, or the row of the day `period` days back)
        String before = sql.lagTakesExpressions()
                ? " before as (select u.*, lag(u.met, u.period, cast(0 as bigint)) over (partition by u.habit_id"
                        + " order by u.day) as met_before from counted_up u),"
                : " before as (select u.*, coalesce(b.met, 0) as met_before from counted_up u left join counted_up b"
                        + " on b.habit_id = u.habit_id and b.day = " + sql.plusDays("u.day", "-u.period") + "),";
        return "insert into metrics_habit_state (member_id, habit_id, as_of, strength, strength_then, valued,"
                + " valued_then, misses, last_good, computed_at)"
                + " with counted_up as (select g.*, sum(case when g.success then 1 else 0 end) over (partition by"
                + " g.habit_id order by g.day) as met from refresh_days g)," + before
                + " valued as (select g.*, least(1.0, cast(g.met - g.met_before as float8) / g.owed) as value"
                + " from before g where g.day >= " + sql.plusDays("g.today", "-89") + " and g.counted"
                + " and not g.skipped),"
                // later: counted days after this one up to today; later_then: up to a week ago (rows are in day order)
                + " ranked as (select v.*, power(cast(0.5 as float8), sqrt(cast(v.owed as float8) / v.period) / 13)"
                + " as m, count(*) over (partition by v.habit_id) - row_number() over (partition by v.habit_id"
                + " order by v.day) as later, "
                + sql.countIf("v.day <= " + sql.plusDays("v.today", "-7")) + " over (partition by v.habit_id)"
                + " - row_number() over (partition by v.habit_id order by v.day) as later_then from valued v),"
                // trailing misses: owed, counted, unmet days after the last met or skipped one (day-scheduled habits)
                + " misses as (select d.habit_id, max(d.last_good) as last_good, "
                + sql.countIf("d.schedule_type <> 'TIMES_PER_WEEK' and d.due and d.counted and not d.skipped"
                        + " and not d.success and d.day > coalesce(d.last_good, " + sql.plusDays("d.today", "-90")
                        + ")")
                + " as misses from (select r.*, max(case when r.due and (r.success or r.skipped) then r.day end)"
                + " over (partition by r.habit_id) as last_good from refresh_days r where r.day >= "
                + sql.plusDays("r.today", "-89") + ") d group by d.habit_id)"
                + " select h.member_id, h.habit_id, h.today, coalesce(x.strength, 0), coalesce(x.strength_then, 0),"
                + " coalesce(x.valued, 0), coalesce(x.valued_then, 0), coalesce(y.misses, 0), y.last_good,"
                + " current_timestamp from refresh_habits h left join (select habit_id,"
                + " sum((1 - m) * value * power(m, cast(later as float8))) as strength,"
                + " sum(case when day <= " + sql.plusDays("today", "-7") + " then (1 - m) * value * power(m,"
                + " cast(later_then as float8)) end) as strength_then, count(*) as valued, "
                + sql.countIf("day <= " + sql.plusDays("today", "-7")) + " as valued_then"
                + " from ranked group by habit_id) x on x.habit_id = h.habit_id"
                + " left join misses y on y.habit_id = h.habit_id";
    }

    /** The strength as shown (rounded), from the state the strength statement (or a day's step) wrote. */
    static final String STRENGTH_FROM_STATE = "insert into metrics_habit_strength (member_id, habit_id, strength,"
            + " strength_week_ago, as_of, computed_at) select t.member_id, t.habit_id, t.strength, t.strength_then,"
            + " t.as_of, t.computed_at from metrics_habit_state t join %s s on s.member_id = t.member_id";

    /**
     * Risk, explained: each reason that holds adds its points (score capped at 100; HIGH from 60, MEDIUM from 30).
     * A member without habits that count has no risk. Reasons and their near misses are pinned by {@code
     * RiskTest}.
     */
    private String risk() {
        return risk(
                " members as (select s.member_id, s.today, min(d.day) as first_day"
                        + " from refresh_scope s join refresh_days d on d.member_id = s.member_id and d.day >= "
                        + sql.plusDays("s.today", "-96") + " group by s.member_id, s.today),",
                " last_checkin as (select m.member_id, max(c.local_date) as last_day from members m"
                        + " join fact_checkins c on c.member_id = m.member_id and c.local_date <= m.today"
                        + " group by m.member_id),");
    }

    /**
     * The risk of {@code members} (member_id, today, first_day: the first day of their habits' last 97), whose
     * {@code last_checkin} (member_id, last_day) is given, from their metric rows already written.
     */
    String risk(String members, String lastCheckin) {
        return "insert into metrics_risk (member_id, score, level, reasons, as_of, computed_at) with" + members
                + lastCheckin
                + " quiet as (select m.member_id, "
                + sql.daysBetween("coalesce(l.last_day, " + sql.plusDays("m.first_day", "-1") + ")", "m.today")
                + " as days from members m left join last_checkin l on l.member_id = m.member_id),"
                + " adherence as (select a.member_id, " + sql.maxIf("a.adherence", "a.window_days = 7") + " as a7, "
                + sql.maxIf("a.adherence", "a.window_days = 30") + " as a30, " + sql.maxIf("a.due", "a.window_days = 7")
                + " as due7 from metrics_adherence a join members m on m.member_id = a.member_id"
                + " where a.scope = 'member' group by a.member_id),"
                + " missed_runs as (select t.member_id, t.habit_id, t.misses from metrics_habit_state t"
                + " join members m on m.member_id = t.member_id where t.misses > 0),"
                + " falling as (select f.member_id, max(f.strength_week_ago - f.strength) as drop_by"
                + " from metrics_habit_strength f join members m on m.member_id = f.member_id group by f.member_id),"
                + " mood as (select e.member_id, avg(t.score) as score, count(*) as entries from fact_journal_entries e"
                + " join fact_journal_sentiment t on t.entry_id = e.entry_id and t.entry_version = e.version"
                + " join members m on m.member_id = e.member_id where e.written_at >= cast("
                + sql.plusDays("m.today", "-13") + " as " + sql.type(Table.Type.TIMESTAMP) + ")"
                + " group by e.member_id),"
                + " reasons as ("
                + "select member_id, 'NO_RECENT_CHECKIN' as code, case when days >= 7 then 40 else 25 end as points,"
                + " 'no check-in for ' || days || ' days' as detail from quiet where days >= 3"
                + " union all select member_id, 'LOW_ADHERENCE', 25, '7-day adherence ' || round(a7 * 100) || '%'"
                + " from adherence where a7 < 0.5 and due7 >= 3"
                + " union all select member_id, 'ADHERENCE_DROP', 15, '7-day adherence ' || round(a7 * 100)"
                + " || '% against ' || round(a30 * 100) || '% over 30 days' from adherence where a7 < a30 - 0.2"
                + " union all select member_id, 'CONSECUTIVE_MISSES', 20, max(misses) || ' owed days missed in a row'"
                + " from missed_runs where misses >= 3 group by member_id"
                + " union all select member_id, 'FALLING_STRENGTH', 10, 'habit strength down '"
                + " || round(drop_by * 100) || ' points in a week' from falling where drop_by > 0.1"
                + " union all select member_id, 'NEGATIVE_SENTIMENT', 15, 'journal mood ' || round(score, 2)"
                + " || ' over ' || entries || ' entries in 14 days' from mood where entries >= 2 and score <= -0.3)"
                + " select m.member_id, least(100, coalesce(sum(r.points), 0)), case when coalesce(sum(r.points), 0)"
                + " >= 60 then 'HIGH' when coalesce(sum(r.points), 0) >= 30 then 'MEDIUM' else 'LOW' end, "
                + sql.jsonArrayAgg(
                        List.of("'code'", "r.code", "'points'", "r.points", "'detail'", "r.detail"),
                        "r.points desc, r.code",
                        "r.code is not null")
                + ", m.today, current_timestamp from members m left join reasons r on r.member_id = m.member_id"
                + " group by m.member_id, m.today";
    }

    /**
     * The series of the last 90 member-local days, for charts, one row per member (arrays from {@code first_day},
     * a day per element): per day the occurrences owed and met by the day-scheduled habits (as in adherence), skips,
     * and the n-per-week habits on the days they were met (their quota is the weeks' business, counted in
     * adherence). A member's days are contiguous: every habit's days run from its start (or 90 days ago) to today.
     */
    private String series() {
        return "insert into metrics_series (member_id, first_day, owed, met, skipped, computed_at)"
                + " select member_id, min(day), " + sql.arrayAgg("owed", "day") + ", " + sql.arrayAgg("met", "day")
                + ", " + sql.arrayAgg("skipped", "day") + ", current_timestamp from (select member_id, day, cast("
                + sql.countIf("(schedule_type <> 'TIMES_PER_WEEK' and due and counted and not skipped)"
                        + " or (schedule_type = 'TIMES_PER_WEEK' and success)")
                + " as int) as owed, cast("
                + sql.countIf("success and (due or schedule_type = 'TIMES_PER_WEEK')")
                + " as int) as met, cast(" + sql.countIf("skipped") + " as int) as skipped from refresh_days"
                + " where day >= " + sql.plusDays("today", "-89") + " group by member_id, day) d group by member_id";
    }

    // --- running a refresh

    /** The bucket of a member column, as the refresh locks them (for callers that split work by bucket). */
    public String bucketOf(String column) {
        return sql.bucketOf(column, BUCKETS);
    }

    /** How a step's statement is run: bound to nothing, to the instant and the member ids, or to the ids. */
    private enum Binds {
        NONE,
        INSTANT_AND_IDS,
        IDS,
        QUERY
    }

    /** One statement of a refresh; {@code name} is logged with its time when not null. */
    private record Step(String name, String statement, Binds binds) {}

    /** Every step of a refresh of some members ({@code everyone}: of all), in order. */
    private List<Step> steps(boolean everyone) {
        var out = new ArrayList<Step>();
        workTables.forEach((name, columns) -> {
            out.add(new Step(null, sql.createWorkTable(name, columns), Binds.NONE));
            if (!sql.emptiesStagingAtCommit()) {
                out.add(new Step(null, "delete from " + name, Binds.NONE));
            }
        });
        out.add(new Step(null, fillScope(everyone), Binds.INSTANT_AND_IDS));
        out.add(new Step(null, sql.analyze("refresh_scope"), Binds.NONE));
        if (sql.bucketLocks() != null) {
            String buckets = "select distinct " + bucketOf("member_id") + " as b from refresh_scope order by b";
            out.add(new Step(null, String.format(sql.bucketLocks(), buckets), Binds.QUERY));
        }
        out.add(new Step("habits", FILL_HABITS, Binds.NONE));
        out.add(new Step(null, sql.analyze("refresh_habits"), Binds.NONE));
        out.add(new Step("checkins", fillCheckins(), Binds.NONE));
        out.add(new Step(null, sql.analyze("refresh_checkins"), Binds.NONE));
        out.add(new Step("fill", fillDays(), Binds.NONE));
        // the planner must know how few (or how many) members and habit-days this refresh is about
        out.add(new Step(null, sql.analyze("refresh_days"), Binds.NONE));
        // the rows of everyone asked about go, also of a member no longer in dim_members (erased)
        for (String table : TABLES) {
            out.add(
                    everyone
                            ? new Step(null, "delete from " + table, Binds.NONE)
                            : new Step(
                                    null,
                                    "delete from " + table + " where " + sql.inIdListParameter("member_id"),
                                    Binds.IDS));
        }
        metrics.forEach((name, statement) -> out.add(new Step(name, statement, Binds.NONE)));
        out.removeIf(step -> step.statement() == null);
        return out;
    }

    /**
     * Every statement of a refresh of some members ({@code everyone}: of all), in the order it sends them: what the
     * golden files hold.
     */
    public List<String> statements(boolean everyone) {
        return steps(everyone).stream().map(Step::statement).toList();
    }

    /** Drops the metrics of members no longer in the warehouse (erased): what a full refresh in shards leaves. */
    public static void forgetAbsentMembers(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("delete from " + table + " t where not exists (select 1 from dim_members m"
                        + " where m.member_id = t.member_id)");
            }
        }
    }

    /**
     * Recomputes {@code members} (null: everyone) as of {@code asOf}, in one transaction on {@code c}.
     *
     * <p>Two refreshes of the same member (a batch notice, the rollover, an admin, on any replica) would both
     * delete the member's rows and both insert: the second insert would fail on (PostgreSQL) or duplicate
     * (Snowflake: keys are not enforced) the first's rows. On PostgreSQL a refresh takes, for the rest of its
     * transaction, the advisory locks of its members' buckets, in ascending order (no deadlock): refreshes of the
     * same members take turns, others run side by side. Snowflake serializes the deletes of one table itself.
     */
    public void refresh(Connection c, Instant asOf, Collection<UUID> members) throws SQLException {
        boolean everyone = members == null;
        String ids = everyone ? null : members.stream().map(UUID::toString).collect(Collectors.joining(","));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (var s = c.createStatement()) {
            for (Step step : steps(everyone)) {
                long start = System.nanoTime();
                int rows = switch (step.binds()) {
                    case NONE -> s.executeUpdate(step.statement());
                    case QUERY -> {
                        s.executeQuery(step.statement()).close();
                        yield 0;
                    }
                    case INSTANT_AND_IDS, IDS -> {
                        try (var ps = c.prepareStatement(step.statement())) {
                            int i = 1;
                            if (step.binds() == Binds.INSTANT_AND_IDS) {
                                sql.bind(ps, i++, Table.Type.TIMESTAMP, asOf);
                            }
                            if (!everyone) {
                                sql.bind(ps, i, Table.Type.TEXT, ids);
                            }
                            yield ps.executeUpdate();
                        }
                    }
                };
                // at DEBUG, how long each costly step took (what bench/ reads to find the costly one)
                if (LOG.isDebugEnabled()) {
                    String name = step.name() != null
                            ? step.name()
                            : step.statement()
                                    .substring(0, Math.min(40, step.statement().length()));
                    LOG.debugf("refresh step %s: %d rows in %d us", name, rows, (System.nanoTime() - start) / 1_000);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
