package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;

/** Streaks: current and longest runs of met occurrences, per habit, and each member's best. */
final class StreakSql {

    private final Dialect sql;
    private final HabitDays days;

    StreakSql(Dialect sql, HabitDays days) {
        this.sql = sql;
        this.days = days;
    }

    /**
     * Streaks over the whole history, from the check-ins alone (no day grid): each due occurrence gets a running
     * index (day-scheduled habits) or a week index (n per week); consecutive indexes of met or skipped occurrences
     * form islands (gaps-and-islands); skips continue an island without lengthening it. The current streak is the
     * island ending at today's occurrence once today is logged (met or skipped: it goes on; missed: it is 0), else
     * at the last occurrence before today: today not yet logged does not break it.
     */
    String statement() {
        String due = "(" + days.dueOn("h.today", sql.isoDayOfWeek("h.today")) + ")";
        String todayMet = "case when " + HabitDays.SUCCESS + " then 1 else 0 end";
        return "insert into metrics_streak (member_id, scope, scope_id, unit, current_streak, longest_streak, as_of,"
                + " computed_at, base_current, base_longest, run_before)"
                + " with occurrences as (select h.member_id, h.goal_id, h.habit_id, h.schedule_type, h.today,"
                + " c.local_date, " + HabitDays.SUCCESS + " as success, c.status = 'SKIPPED' as skipped, "
                + days.index("c.local_date")
                + " as idx from refresh_habits h join refresh_checkins c on c.habit_id = h.habit_id"
                + " where h.schedule_type <> 'TIMES_PER_WEEK' and "
                + days.dueOn("c.local_date", sql.isoDayOfWeek("c.local_date")) + "),"
                + " weeks as (select h.member_id, h.goal_id, h.habit_id, h.schedule_type, h.today, "
                + days.weekIndex("c.local_date") + " as idx, " + sql.countIf(HabitDays.SUCCESS) + " as done, "
                + sql.countIf("c.status = 'SKIPPED'") + " as skipped, max(h.times_per_week) as n"
                + " from refresh_habits h join refresh_checkins c on c.habit_id = h.habit_id"
                + " where h.schedule_type = 'TIMES_PER_WEEK' group by h.member_id, h.goal_id, h.habit_id,"
                + " h.schedule_type, h.today, " + days.weekIndex("c.local_date") + "),"
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
                + " day_ends as (select h.habit_id, max(" + days.index("d.date_key") + ") as current_end,"
                + " max(case when d.date_key < h.today then 1 else 0 end) as base_has"
                + " from refresh_habits h "
                + sql.joinDays("greatest(h.start_date, " + sql.plusDays("h.today", "-70") + ")", "h.today")
                + " left join refresh_checkins t on t.habit_id = h.habit_id and t.local_date = h.today"
                + " where h.schedule_type <> 'TIMES_PER_WEEK' and " + days.dueOn("d.date_key", "d.iso_day_of_week")
                + " and (d.date_key < h.today or t.habit_id is not null) group by h.habit_id),"
                + " week_ends as (select i.habit_id, max(i.last_idx) as current_end from islands i"
                + " join refresh_habits h on h.habit_id = i.habit_id where i.schedule_type = 'TIMES_PER_WEEK'"
                + " and i.last_idx >= " + days.weekIndex("h.today") + " - 1 group by i.habit_id),"
                + " longest as (select habit_id, max(length) as length from islands group by habit_id),"
                // what a check-in's step continues from (CheckinStep): the streaks as if today were not logged,
                // and the run a logged today continues: the island holding the occurrence before today's (n per
                // week: last week's) up to that occurrence, the longest without what today's check-in added
                + " today_log as (select h.habit_id, case when h.schedule_type = 'TIMES_PER_WEEK' then "
                + days.weekIndex("h.today") + " when " + due + " then " + days.index("h.today") + " end as cur_idx,"
                + " case when h.schedule_type = 'TIMES_PER_WEEK' then " + days.weekIndex("h.today") + " - 1 when "
                + due + " then " + days.index("h.today") + " - 1 else " + days.index("h.today") + " end as prev_idx,"
                + " case when h.schedule_type = 'TIMES_PER_WEEK' then " + weekMet("coalesce(w.done, 0)") + " - "
                + weekMet("coalesce(w.done, 0) - " + todayMet) + " when " + due + " then " + todayMet
                + " else 0 end as delta, " + weekMet("coalesce(w.done, 0) - " + todayMet) + " as base_week,"
                + " case when h.schedule_type = 'TIMES_PER_WEEK' then " + weekMet("coalesce(w.done, 0)") + " when "
                + due + " then " + todayMet + " else 0 end as cur_met"
                + " from refresh_habits h left join refresh_checkins c on c.habit_id = h.habit_id"
                + " and c.local_date = h.today left join weeks w on w.habit_id = h.habit_id and w.idx = "
                + days.weekIndex("h.today") + "),"
                + " base_runs as (select x.habit_id, max(x.base_week) as base_week, coalesce(max(case when"
                + " i.first_idx <= x.prev_idx and x.prev_idx <= i.last_idx then i.length - case when i.last_idx >="
                + " x.cur_idx then x.cur_met else 0 end end), 0) as run_before, coalesce(max(case when i.first_idx <="
                + " x.cur_idx and x.cur_idx <= i.last_idx then i.length - x.delta else i.length end), 0)"
                + " as base_longest from today_log x left join islands i on i.habit_id = x.habit_id"
                + " group by x.habit_id)"
                + " select h.member_id, 'habit', h.habit_id, case when h.schedule_type = 'TIMES_PER_WEEK' then 'week'"
                + " else 'day' end, coalesce(cur.length, 0), coalesce(l.length, 0), h.today, current_timestamp,"
                + " case when h.schedule_type = 'TIMES_PER_WEEK' then r.run_before + r.base_week when b.base_has = 1"
                + " then r.run_before else 0 end, r.base_longest, r.run_before"
                + " from refresh_habits h left join (select habit_id, current_end from day_ends union all"
                + " select habit_id, current_end from week_ends) e on e.habit_id = h.habit_id"
                + " left join islands cur on cur.habit_id = h.habit_id and cur.last_idx = e.current_end"
                + " left join longest l on l.habit_id = h.habit_id left join day_ends b on b.habit_id = h.habit_id"
                + " join base_runs r on r.habit_id = h.habit_id";
    }

    /** 1 when an n-per-week habit {@code h}'s week with {@code done} met occurrences met its quota, else 0. */
    private static String weekMet(String done) {
        return "case when " + done + " >= h.times_per_week then 1 else 0 end";
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
}
