package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;

/** Habit strength: the exponentially smoothed share of met occurrences, and its state for the day's step. */
final class StrengthSql {

    private final Dialect sql;

    StrengthSql(Dialect sql) {
        this.sql = sql;
    }

    /**
     * Habit strength: exponential smoothing per day, {@code score = prev·m + value·(1 − m)}, {@code m =
     * 0.5^(√f / 13)} with f the habit's occurrences per day, over the last 90 days from 0; a day's value is min(1,
     * met occurrences in the habit's last period ÷ occurrences owed in it); skipped days hold the score; today
     * counts once logged. Closed form: (1 − m)·Σ value·m^(later counted days). Written unrounded to {@code
     * metrics_habit_state} with what the day rollover steps from (docs/ARCHITECTURE.md, analytics: the day's
     * step): how many days the sums hold, and each habit's trailing misses after its last met or skipped due day.
     */
    String statement() {
        // met occurrences in the habit's last period: the running count now minus the running count a period ago
        // (one row per day, so that is the row `period` rows back, or the row of the day `period` days back)
        String before = sql.lagTakesExpressions()
                ? " before as (select u.*, lag(u.met, u.period, cast(0 as bigint)) over (partition by u.habit_id"
                        + " order by u.day) as met_before from counted_up u),"
                : " before as (select u.*, coalesce(b.met, 0) as met_before from counted_up u left join counted_up b"
                        + " on b.habit_id = u.habit_id and b.day = " + sql.plusDays("u.day", "-u.period") + "),";
        return "insert into metrics_habit_state (member_id, habit_id, as_of, strength, strength_then, valued,"
                + " valued_then, misses, last_good, base_strength, base_valued, base_misses, base_last_good,"
                + " today_status, today_success, computed_at)"
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
                + " - row_number() over (partition by v.habit_id order by v.day) as later_then, "
                + sql.countIf("v.day < v.today") + " over (partition by v.habit_id)"
                + " - row_number() over (partition by v.habit_id order by v.day) as later_base from valued v),"
                // trailing misses: owed, counted, unmet days after the last met or skipped one (day-scheduled habits)
                + " misses as (select d.habit_id, max(d.last_good) as last_good, max(d.base_last_good) as"
                + " base_last_good, " + missesAfter("d.last_good", "true") + " as misses, "
                + missesAfter("d.base_last_good", "d.day < d.today") + " as base_misses, max(case when d.day ="
                + " d.today then d.status end) as today_status, " + sql.anyOf("d.day = d.today and d.success")
                + " as today_success from (select r.*, max(case when r.due and (r.success or r.skipped) then r.day"
                + " end) over (partition by r.habit_id) as last_good, max(case when r.day < r.today and r.due and"
                + " (r.success or r.skipped) then r.day end) over (partition by r.habit_id) as base_last_good"
                + " from refresh_days r where r.day >= " + sql.plusDays("r.today", "-89") + ") d"
                + " group by d.habit_id)"
                + " select h.member_id, h.habit_id, h.today, coalesce(x.strength, 0), coalesce(x.strength_then, 0),"
                + " coalesce(x.valued, 0), coalesce(x.valued_then, 0), coalesce(y.misses, 0), y.last_good,"
                + " coalesce(x.base_strength, 0), coalesce(x.base_valued, 0), coalesce(y.base_misses, 0),"
                + " y.base_last_good, y.today_status, case when y.today_status is null then null else"
                + " y.today_success end, current_timestamp from refresh_habits h left join (select habit_id,"
                + " sum((1 - m) * value * power(m, cast(later as float8))) as strength,"
                + " sum(case when day <= " + sql.plusDays("today", "-7") + " then (1 - m) * value * power(m,"
                + " cast(later_then as float8)) end) as strength_then, count(*) as valued, "
                + sql.countIf("day <= " + sql.plusDays("today", "-7")) + " as valued_then,"
                + " sum(case when day < today then (1 - m) * value * power(m, cast(later_base as float8)) end)"
                + " as base_strength, " + sql.countIf("day < today") + " as base_valued"
                + " from ranked group by habit_id) x on x.habit_id = h.habit_id"
                + " left join misses y on y.habit_id = h.habit_id";
    }

    /** Owed, counted, unmet due days of a day-scheduled habit after its last met or skipped one {@code good}. */
    private String missesAfter(String good, String where) {
        return sql.countIf(where + " and d.schedule_type <> 'TIMES_PER_WEEK' and d.due and d.counted and not"
                + " d.skipped and not d.success and d.day > coalesce(" + good + ", " + sql.plusDays("d.today", "-90")
                + ")");
    }

    /** The strength as shown (rounded), from the state the strength statement (or a day's step) wrote. */
    static final String FROM_STATE = "insert into metrics_habit_strength (member_id, habit_id, strength,"
            + " strength_week_ago, as_of, computed_at) select t.member_id, t.habit_id, t.strength, t.strength_then,"
            + " t.as_of, t.computed_at from metrics_habit_state t join %s s on s.member_id = t.member_id";
}
