package dev.goalcoach.analytics.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Computes the metrics in the warehouse with set-based SQL (PostgreSQL), for some members or all, as of an
 * instant: each member's "today" is their own local date then. One transaction: the members' old rows go, the new
 * ones come. Definitions (docs/ARCHITECTURE.md, analytics) are pinned by {@code MetricsTest}.
 */
public final class MetricsEngine {

    /** Habits that count now: active, still in their goal's plan, the goal ACTIVE, started by the member's today. */
    private static final String FILL_HABITS = "insert into refresh_habits (habit_id, goal_id, member_id, schedule_type,"
            + " days, times_per_week, every_n_days, start_date, target_value, target_direction, today)"
            + " select h.habit_id, h.goal_id, h.member_id, h.schedule_type, h.days, h.times_per_week, h.every_n_days,"
            + " h.start_date, h.target_value, h.target_direction, s.today"
            + " from dim_habits h join refresh_scope s on s.member_id = h.member_id"
            + " join dim_goals g on g.goal_id = h.goal_id"
            + " where h.active and not h.removed and g.status = 'ACTIVE' and h.start_date <= s.today";

    /**
     * The latest check-in per habit and day since the habit started (a retracted one is gone from the facts), read
     * once per refresh by the day grid and the streaks.
     */
    private static final String FILL_CHECKINS = "insert into refresh_checkins (habit_id, local_date, status, value)"
            + " select distinct on (c.habit_id, c.local_date) c.habit_id, c.local_date, c.status, c.value"
            + " from fact_checkins c join refresh_habits h on h.habit_id = c.habit_id"
            + " where c.local_date between h.start_date and h.today"
            + " order by c.habit_id, c.local_date, c.recorded_at desc, c.version desc";

    /** A check-in meets its habit: DONE, and a measurable habit's value on the right side of its target. */
    private static final String SUCCESS = "coalesce(c.status = 'DONE' and (h.target_value is null or c.value is null"
            + " or (h.target_direction = 'AT_MOST' and c.value <= h.target_value)"
            + " or (coalesce(h.target_direction, 'AT_LEAST') <> 'AT_MOST' and c.value >= h.target_value)), false)";

    /** Whether a day-scheduled habit is due on day {@code d} (ISO day of week {@code dow}). */
    private static String dueOn(String d, String dow) {
        return "case h.schedule_type when 'DAILY' then true"
                + " when 'WEEKDAYS' then (',' || coalesce(h.days, '') || ',') like '%,' || (array['MONDAY', 'TUESDAY',"
                + " 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'])[" + dow + "] || ',%'"
                + " when 'EVERY_N_DAYS' then (" + d + " - h.start_date) % h.every_n_days = 0 else false end";
    }

    /**
     * Every habit-day of the last 97 member-local days (today included; 90 scored, 7 more for the periods of the
     * first ones), with its check-in, whether it was met, skipped, due, and counted (a past day, or today once
     * logged), filled once per refresh and read by every metric.
     */
    private static final String FILL_DAYS = "insert into refresh_days (habit_id, goal_id, member_id, schedule_type,"
            + " times_per_week, period, owed, today, day, iso_year, iso_week, status, success, skipped, due, counted)"
            + " select h.habit_id, h.goal_id, h.member_id, h.schedule_type, h.times_per_week,"
            + " case h.schedule_type when 'DAILY' then 1 when 'EVERY_N_DAYS' then h.every_n_days else 7 end,"
            + " case h.schedule_type when 'TIMES_PER_WEEK' then h.times_per_week when 'WEEKDAYS' then"
            + " greatest(1, array_length(string_to_array(h.days, ','), 1)) else 1 end,"
            + " h.today, d.date_key, d.iso_year, d.iso_week, c.status, " + SUCCESS + ","
            + " coalesce(c.status = 'SKIPPED', false), " + dueOn("d.date_key", "d.iso_day_of_week") + ","
            + " (d.date_key < h.today or c.status in ('DONE', 'MISSED'))"
            // days counted back from today (a range join on dim_date made the planner expect 40 times the rows and
            // hash the grid, not the check-ins: twice as slow)
            + " from refresh_habits h cross join lateral generate_series(0, least(96, h.today - h.start_date)) k"
            + " join dim_date d on d.date_key = h.today - k"
            + " left join refresh_checkins c on c.habit_id = h.habit_id and c.local_date = d.date_key";

    private static final String DAYS = "days as (select * from refresh_days where day >= today - 89)";

    private static final String ADHERENCE = "with " + DAYS + ","
            // day-scheduled habits: every due, counted, not skipped day is one occurrence
            + " daily as (select member_id, goal_id, habit_id," + perWindow("success", "true") + " from days"
            + " where schedule_type <> 'TIMES_PER_WEEK' and due and counted and not skipped group by 1, 2, 3),"
            // n per ISO week: a past week owes n, prorated by its days in the window that were not skipped; the
            // current week owes only what was done or missed so far (the member still has days left)
            + " weeks as (select member_id, goal_id, habit_id, max(times_per_week) as n, bool_or(day = today) as"
            + " current_week," + weekCounts(7) + "," + weekCounts(30) + "," + weekCounts(90) + " from days"
            + " where schedule_type = 'TIMES_PER_WEEK' group by 1, 2, 3, iso_year, iso_week),"
            + " weekly as (select member_id, goal_id, habit_id," + weekOwed(7) + "," + weekOwed(30) + ","
            + weekOwed(90) + " from weeks group by 1, 2, 3),"
            + " per_habit as (select * from daily union all select * from weekly),"
            + " occurrences as (select member_id, goal_id, habit_id, 7 as window_days, done7 as done, due7 as due"
            + " from per_habit where due7 > 0 union all select member_id, goal_id, habit_id, 30, done30, due30"
            + " from per_habit where due30 > 0 union all select member_id, goal_id, habit_id, 90, done90, due90"
            + " from per_habit where due90 > 0)"
            + " insert into metrics_adherence (member_id, scope, scope_id, window_days, done, due, adherence, as_of,"
            + " computed_at)"
            + " select o.member_id, case when grouping(o.habit_id) = 0 then 'habit' when grouping(o.goal_id) = 0"
            + " then 'goal' else 'member' end, coalesce(o.habit_id, o.goal_id, o.member_id), o.window_days,"
            + " sum(o.done), sum(o.due), least(1, sum(o.done) / nullif(sum(o.due), 0)),"
            + " (select today from refresh_scope r where r.member_id = o.member_id), now()"
            + " from occurrences o group by grouping sets ((o.member_id, o.window_days, o.goal_id, o.habit_id),"
            + " (o.member_id, o.window_days, o.goal_id), (o.member_id, o.window_days))";

    /** Met and owed occurrences of the last 7, 30 and 90 days, in one pass over the days. */
    private static String perWindow(String met, String owed) {
        var sql = new StringBuilder();
        for (int w : new int[] {7, 30, 90}) {
            sql.append(w == 7 ? " " : ", ")
                    .append("count(*) filter (where ")
                    .append(met)
                    .append(" and today - day < ")
                    .append(w)
                    .append(")::numeric as done")
                    .append(w)
                    .append(", count(*) filter (where ")
                    .append(owed)
                    .append(" and today - day < ")
                    .append(w)
                    .append(")::numeric as due")
                    .append(w);
        }
        return sql.toString();
    }

    /** One ISO week of an n-per-week habit, within the last {@code w} days: its days, skips, met and missed. */
    private static String weekCounts(int w) {
        String in = "today - day < " + w;
        return " count(*) filter (where " + in + ") as days" + w
                + ", count(*) filter (where " + in + " and skipped) as skipped" + w
                + ", count(*) filter (where " + in + " and success) as met" + w
                + ", count(*) filter (where " + in + " and status is not null and not success and not skipped)"
                + " as missed" + w;
    }

    /** What the weeks of an n-per-week habit owe within the last {@code w} days, and what of it was met. */
    private static String weekOwed(int w) {
        String owed = "case when days" + w + " = 0 then 0 when current_week then least(n, met" + w + " + missed" + w
                + ")::numeric else n * (days" + w + " - skipped" + w + ") / 7.0 end";
        return " sum(least(met" + w + ", " + owed + ")) as done" + w + ", sum(" + owed + ") as due" + w;
    }

    /**
     * Streaks over the whole history, from the check-ins alone (no day grid): each due occurrence gets a running
     * index (day-scheduled habits) or a week index (n per week); consecutive indexes of met or skipped occurrences
     * form islands (gaps-and-islands); skips continue an island without lengthening it. The current streak is the
     * island ending at today's occurrence once today is logged (met or skipped: it goes on; missed: it is 0), else
     * at the last occurrence before today: today not yet logged does not break it.
     */
    private static final String STREAKS =
            "with occurrences as (select h.member_id, h.goal_id, h.habit_id, h.schedule_type, h.today, c.local_date,"
                    + " " + SUCCESS + " as success, c.status = 'SKIPPED' as skipped, " + index("c.local_date")
                    + " as idx"
                    + " from refresh_habits h join refresh_checkins c on c.habit_id = h.habit_id join dim_date d on d.date_key = c.local_date"
                    + " where h.schedule_type <> 'TIMES_PER_WEEK' and " + dueOn("c.local_date", "d.iso_day_of_week")
                    + "),"
                    + " weeks as (select h.member_id, h.goal_id, h.habit_id, h.schedule_type, h.today,"
                    + " (date_trunc('week', c.local_date)::date - date_trunc('week', h.start_date)::date) / 7 as idx,"
                    + " count(*) filter (where " + SUCCESS
                    + ") as done, count(*) filter (where c.status = 'SKIPPED') as skipped,"
                    + " max(h.times_per_week) as n from refresh_habits h join refresh_checkins c on c.habit_id = h.habit_id"
                    + " where h.schedule_type = 'TIMES_PER_WEEK' group by 1, 2, 3, 4, 5, 6),"
                    + " marks as (select member_id, goal_id, habit_id, schedule_type, today, idx, success, skipped"
                    + " from occurrences where success or skipped"
                    + " union all select member_id, goal_id, habit_id, schedule_type, today, idx, done >= n,"
                    + " done < n and done >= 7 - skipped from weeks where done >= n or done >= 7 - skipped),"
                    + " islands as (select member_id, goal_id, habit_id, schedule_type, today, min(idx) as first_idx,"
                    + " max(idx) as last_idx, count(*) filter (where success) as length"
                    + " from (select m.*, m.idx - row_number() over (partition by m.habit_id order by m.idx) as island"
                    + " from marks m) x group by 1, 2, 3, 4, 5, island),"
                    // where the current streak must end: today's occurrence once today is logged, else the last one
                    // before
                    // (day-scheduled), or this week's or last week's (n per week: the week under way does not break it)
                    + " day_ends as (select h.habit_id, max(" + index("d.date_key")
                    + ") as current_end from refresh_habits h"
                    + " join dim_date d on d.date_key between greatest(h.start_date, h.today - 70) and h.today"
                    + " left join refresh_checkins t on t.habit_id = h.habit_id and t.local_date = h.today"
                    + " where h.schedule_type <> 'TIMES_PER_WEEK' and " + dueOn("d.date_key", "d.iso_day_of_week")
                    + " and (d.date_key < h.today or t.habit_id is not null) group by h.habit_id),"
                    + " week_ends as (select i.habit_id, max(i.last_idx) as current_end from islands i"
                    + " join refresh_habits h on h.habit_id = i.habit_id where i.schedule_type = 'TIMES_PER_WEEK'"
                    + " and i.last_idx >= " + weekIndex("h.today") + " - 1 group by i.habit_id),"
                    + " longest as (select habit_id, max(length) as length from islands group by habit_id)"
                    + " insert into metrics_streak (member_id, scope, scope_id, unit, current_streak, longest_streak, as_of,"
                    + " computed_at)"
                    + " select h.member_id, 'habit', h.habit_id, case when h.schedule_type = 'TIMES_PER_WEEK' then 'week'"
                    + " else 'day' end, coalesce(cur.length, 0), coalesce(l.length, 0), h.today, now() from refresh_habits h"
                    + " left join (select habit_id, current_end from day_ends union all"
                    + " select habit_id, current_end from week_ends) e on e.habit_id = h.habit_id"
                    + " left join islands cur on cur.habit_id = h.habit_id and cur.last_idx = e.current_end"
                    + " left join longest l on l.habit_id = h.habit_id";

    /** Member rows: their best current and longest streak of any habit, in days. */
    private static final String MEMBER_STREAKS = "insert into metrics_streak (member_id, scope, scope_id, unit,"
            + " current_streak, longest_streak, as_of, computed_at) select s.member_id, 'member', s.member_id, 'day',"
            + " coalesce(max(m.current_streak) filter (where m.unit = 'day'), 0),"
            + " coalesce(max(m.longest_streak) filter (where m.unit = 'day'), 0), s.today, now()"
            + " from refresh_scope s left join metrics_streak m on m.member_id = s.member_id and m.scope = 'habit'"
            + " group by s.member_id, s.today";

    /**
     * Habit strength: exponential smoothing per day, {@code score = prev·m + value·(1 − m)}, {@code m =
     * 0.5^(√f / 13)} with f the habit's occurrences per day, over the last 90 days from 0; a day's value is min(1,
     * met occurrences in the habit's last period ÷ occurrences owed in it); skipped days hold the score; today
     * counts once logged. Closed form: (1 − m)·Σ value·m^(later counted days).
     */
    private static final String STRENGTH = "with"
            // met occurrences in the habit's last period: the running count now minus the running count a period
            // ago (one row per day, so that is the row `period` rows back)
            + " counted_up as (select g.*, sum(case when g.success then 1 else 0 end) over (partition by g.habit_id"
            + " order by g.day) as met from refresh_days g),"
            + " valued as (select g.*, least(1.0, (g.met - g.met_before)::float8 / g.owed) as value"
            + " from (select u.*, lag(u.met, u.period, 0::bigint) over (partition by u.habit_id order by u.day)"
            + " as met_before from counted_up u) g where g.day >= g.today - 89 and g.counted and not g.skipped),"
            // later: counted days after this one up to today; later_then: up to a week ago (rows are in day order)
            + " ranked as (select v.*, power(0.5::float8, sqrt(v.owed::float8 / v.period) / 13) as m,"
            + " count(*) over (partition by v.habit_id) - row_number() over (partition by v.habit_id order by v.day)"
            + " as later, count(*) filter (where v.day <= v.today - 7) over (partition by v.habit_id)"
            + " - row_number() over (partition by v.habit_id order by v.day) as later_then from valued v)"
            + " insert into metrics_habit_strength (member_id, habit_id, strength, strength_week_ago, as_of,"
            + " computed_at)"
            + " select h.member_id, h.habit_id, coalesce(x.strength, 0), coalesce(x.strength_then, 0), h.today, now()"
            + " from refresh_habits h left join (select habit_id, sum((1 - m) * value * power(m, later::float8)) as strength,"
            + " sum((1 - m) * value * power(m, later_then::float8)) filter (where day <= today - 7) as strength_then"
            + " from ranked group by habit_id) x on x.habit_id = h.habit_id";

    /**
     * Risk, explained: each reason that holds adds its points (score capped at 100; HIGH from 60, MEDIUM from 30).
     * A member without habits that count has no risk. Reasons and their near misses are pinned by {@code
     * RiskTest}.
     */
    private static final String RISK = "with members as (select s.member_id, s.today, min(d.day) as first_day"
            + " from refresh_scope s join refresh_days d on d.member_id = s.member_id group by 1, 2),"
            + " last_checkin as (select m.member_id, max(c.local_date) as last_day from members m"
            + " join fact_checkins c on c.member_id = m.member_id and c.local_date <= m.today group by 1),"
            + " quiet as (select m.member_id, m.today - coalesce(l.last_day, m.first_day - 1) as days from members m"
            + " left join last_checkin l on l.member_id = m.member_id),"
            + " adherence as (select a.member_id, max(a.adherence) filter (where a.window_days = 7) as a7,"
            + " max(a.adherence) filter (where a.window_days = 30) as a30,"
            + " max(a.due) filter (where a.window_days = 7) as due7 from metrics_adherence a"
            + " join members m on m.member_id = a.member_id where a.scope = 'member' group by 1),"
            // trailing misses: owed, counted, unmet days after the last met or skipped one (day-scheduled habits)
            + " missed_runs as (select d.member_id, d.habit_id, count(*) as misses from (select r.*,"
            + " max(case when r.due and (r.success or r.skipped) then r.day end) over (partition by r.habit_id)"
            + " as last_good from refresh_days r where r.day >= r.today - 89) d"
            + " where d.schedule_type <> 'TIMES_PER_WEEK' and d.due and d.counted and not d.skipped"
            + " and not d.success and d.day > coalesce(d.last_good, d.today - 90) group by 1, 2),"
            + " falling as (select f.member_id, max(f.strength_week_ago - f.strength) as drop_by"
            + " from metrics_habit_strength f join members m on m.member_id = f.member_id group by 1),"
            + " mood as (select e.member_id, avg(t.score) as score, count(*) as entries from fact_journal_entries e"
            + " join fact_journal_sentiment t on t.entry_id = e.entry_id and t.entry_version = e.version"
            + " join members m on m.member_id = e.member_id where e.written_at >= cast(m.today - 13 as timestamptz)"
            + " group by 1),"
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
            + " insert into metrics_risk (member_id, score, level, reasons, as_of, computed_at)"
            + " select m.member_id, least(100, coalesce(sum(r.points), 0)), case when coalesce(sum(r.points), 0) >= 60"
            + " then 'HIGH' when coalesce(sum(r.points), 0) >= 30 then 'MEDIUM' else 'LOW' end,"
            + " coalesce(json_agg(json_build_object('code', r.code, 'points', r.points, 'detail', r.detail)"
            + " order by r.points desc, r.code) filter (where r.code is not null), '[]')::text, m.today, now()"
            + " from members m left join reasons r on r.member_id = m.member_id group by m.member_id, m.today";

    /**
     * The series of the last 90 member-local days, for charts, one row per member (arrays from {@code first_day},
     * a day per element): per day the occurrences owed and met by the day-scheduled habits (as in adherence), skips,
     * and the n-per-week habits on the days they were met (their quota is the weeks' business, counted in
     * adherence). A member's days are contiguous: every habit's days run from its start (or 90 days ago) to today.
     */
    private static final String SERIES = "insert into metrics_series (member_id, first_day, owed, met, skipped,"
            + " computed_at) select member_id, min(day), array_agg(owed order by day), array_agg(met order by day),"
            + " array_agg(skipped order by day), now() from (select member_id, day, count(*) filter (where"
            + " (schedule_type <> 'TIMES_PER_WEEK' and due and counted and not skipped) or (schedule_type ="
            + " 'TIMES_PER_WEEK' and success))::int as owed, count(*) filter (where success and (due or schedule_type"
            + " = 'TIMES_PER_WEEK'))::int as met, count(*) filter (where skipped)::int as skipped from refresh_days"
            + " where day >= today - 89 group by member_id, day) d group by member_id";

    private static String index(String d) {
        return "case h.schedule_type when 'DAILY' then " + d + " - h.start_date"
                + " when 'EVERY_N_DAYS' then (" + d + " - h.start_date) / h.every_n_days"
                + " else " + weekIndex(d) + " * array_length(string_to_array(h.days, ','), 1) + "
                + weekdaysUpTo("extract(isodow from " + d + ")::int") + " end";
    }

    /** How many of a WEEKDAYS habit's days fall on or before ISO day {@code dow}: a dense index within a week. */
    private static String weekdaysUpTo(String dow) {
        String[] names = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
        var sum = new StringBuilder("(");
        for (int i = 0; i < 7; i++) {
            sum.append(i == 0 ? "" : " + ")
                    .append("case when (',' || coalesce(h.days, '') || ',') like '%,")
                    .append(names[i])
                    .append(",%' and ")
                    .append(i + 1)
                    .append(" <= ")
                    .append(dow)
                    .append(" then 1 else 0 end");
        }
        return sum.append(")").toString();
    }

    private static String weekIndex(String d) {
        return "((date_trunc('week', " + d + ")::date - date_trunc('week', h.start_date)::date) / 7)";
    }

    /** Every table a refresh replaces the members' rows of. */
    private static final String[] TABLES = {
        "metrics_adherence", "metrics_streak", "metrics_habit_strength", "metrics_risk", "metrics_series"
    };

    private static final Logger LOG = Logger.getLogger(MetricsEngine.class);

    private MetricsEngine() {}

    /** Runs one statement of the refresh; at DEBUG, logs how long it took (what bench/ reads to find the costly one). */
    private static void step(Statement s, String name, String sql) throws SQLException {
        long start = System.nanoTime();
        int rows = s.executeUpdate(sql);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("refresh step %s: %d rows in %d ms", name, rows, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Advisory lock space of the members' buckets ("GCME"). */
    private static final int LOCK_SPACE = 0x47434D45;

    /** Members are locked in this many buckets: a refresh takes at most this many locks. */
    public static final int BUCKETS = 256;

    /** The bucket of a member, as {@link #lockBuckets} computes it (for callers that split work by bucket). */
    public static final String BUCKET_OF = "abs(hashtext(cast(%s as text))) %% " + BUCKETS;

    /**
     * Two refreshes of the same member (a batch notice, the rollover, an admin, on any replica) would both delete
     * the member's rows and both insert: the second insert would fail on the first's rows. So a refresh first
     * takes, for the rest of its transaction, the advisory locks of its members' buckets, in ascending order (no
     * deadlock): refreshes of the same members take turns, others run side by side.
     */
    private static void lockBuckets(Connection c, Collection<UUID> members) throws SQLException {
        try (var ps = c.prepareStatement("select count(pg_advisory_xact_lock(" + LOCK_SPACE + ", b)) from (select"
                + " distinct " + String.format(BUCKET_OF, "m") + " as b from unnest(cast(? as uuid[])) m union select"
                + " b from generate_series(0, " + (BUCKETS - 1) + ") b where cast(? as boolean) order by b) x")) {
            ps.setArray(1, c.createArrayOf("uuid", members == null ? new Object[0] : members.toArray()));
            ps.setBoolean(2, members == null);
            ps.executeQuery().close();
        }
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

    /** Recomputes {@code members} (null: everyone) as of {@code asOf}, in one transaction on {@code c}. */
    public static void refresh(Connection c, Instant asOf, Collection<UUID> members) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (var s = c.createStatement()) {
            s.execute("create temporary table if not exists refresh_scope (member_id uuid primary key,"
                    + " today date not null) on commit delete rows");
            try (var ps = c.prepareStatement("insert into refresh_scope (member_id, today) select m.member_id,"
                    + " (cast(? as timestamptz) at time zone coalesce(m.timezone, 'UTC'))::date from dim_members m"
                    + " where cast(? as uuid[]) is null or m.member_id = any(cast(? as uuid[]))")) {
                var array = members == null ? null : c.createArrayOf("uuid", members.toArray());
                ps.setTimestamp(1, Timestamp.from(asOf));
                ps.setArray(2, array);
                ps.setArray(3, array);
                ps.executeUpdate();
            }
            s.execute("analyze refresh_scope");
            lockBuckets(c, members);
            s.execute("create temporary table if not exists refresh_habits (habit_id uuid primary key, goal_id uuid,"
                    + " member_id uuid, schedule_type text, days text, times_per_week integer, every_n_days integer,"
                    + " start_date date, target_value numeric, target_direction text, today date)"
                    + " on commit delete rows");
            step(s, "habits", FILL_HABITS);
            s.execute("analyze refresh_habits");
            s.execute("create temporary table if not exists refresh_checkins (habit_id uuid, local_date date,"
                    + " status text, value numeric) on commit delete rows");
            step(s, "checkins", FILL_CHECKINS);
            s.execute("analyze refresh_checkins");
            s.execute("create temporary table if not exists refresh_days (habit_id uuid, goal_id uuid,"
                    + " member_id uuid, schedule_type text, times_per_week integer, period integer, owed integer,"
                    + " today date, day date, iso_year integer, iso_week integer, status text, success boolean,"
                    + " skipped boolean, due boolean, counted boolean) on commit delete rows");
            step(s, "fill", FILL_DAYS);
            // the planner must know how few (or how many) members and habit-days this refresh is about: without
            // statistics it assumes thousands and reads all check-ins instead of the members' own
            s.execute("analyze refresh_days");
            // the rows of everyone asked about go, also of a member no longer in dim_members (erased)
            for (String table : TABLES) {
                if (members == null) {
                    s.executeUpdate("delete from " + table);
                } else {
                    try (var ps = c.prepareStatement("delete from " + table + " where member_id = any(?)")) {
                        ps.setArray(1, c.createArrayOf("uuid", members.toArray()));
                        ps.executeUpdate();
                    }
                }
            }
            step(s, "adherence", ADHERENCE);
            step(s, "streaks", STREAKS);
            step(s, "member_streaks", MEMBER_STREAKS);
            step(s, "strength", STRENGTH);
            step(s, "risk", RISK);
            step(s, "series", SERIES);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
