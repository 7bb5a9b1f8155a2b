package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;

/** Adherence: met ÷ owed occurrences over the last 7, 30 and 90 days, per habit, goal and member. */
final class AdherenceSql {

    private final Dialect sql;
    private final HabitDays days;

    AdherenceSql(Dialect sql, HabitDays days) {
        this.sql = sql;
        this.days = days;
    }

    String statement() {
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
            String in = days.within("day", "today", w);
            out.append(w == 7 ? " " : ", ")
                    .append("cast(7 * " + sql.countIf(met + " and " + in) + " as numeric) as done" + w)
                    .append(", cast(7 * " + sql.countIf(owed + " and " + in) + " as numeric) as due" + w);
        }
        return out.toString();
    }

    /** One ISO week of an n-per-week habit, within the last {@code w} days: its days, skips, met and missed. */
    private String weekCounts(int w) {
        String in = days.within("day", "today", w);
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
}
