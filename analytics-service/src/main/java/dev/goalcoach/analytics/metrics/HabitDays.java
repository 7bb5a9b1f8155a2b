package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The habit-day grid every metric of a refresh reads, and the predicates they share: which habits count, when a
 * habit is due, when a check-in meets it, a day's occurrence index. Work tables filled once per refresh: the
 * members asked about, their habits, the habits' latest check-ins, and their days.
 */
final class HabitDays {

    static final String[] DAY_NAMES = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};

    private final Dialect sql;

    /** The work tables, by name: filled in this order, each once per refresh. */
    private final Map<String, String> workTables = new LinkedHashMap<>();

    HabitDays(Dialect sql) {
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
    }

    /** The work tables, by name, with their columns: created (and emptied) in this order. */
    Map<String, String> workTables() {
        return workTables;
    }

    /** Members asked about (null: everyone in the warehouse) with their local date at {@code ?}. */
    String fillScope(boolean everyone) {
        return "insert into refresh_scope (member_id, today) select m.member_id, "
                + sql.localDateAtParameter("coalesce(m.timezone, 'UTC')") + " from dim_members m"
                + (everyone ? "" : " where " + sql.inIdListParameter("m.member_id"));
    }

    /** A habit {@code h} of goal {@code g} that counts, once started: active, still in its goal's plan, goal ACTIVE. */
    static final String COUNTS = "h.active and not h.removed and g.status = 'ACTIVE'";

    /**
     * Habits that count now, of the members in {@code refresh_scope}: active, still in their goal's plan, the goal
     * ACTIVE, started by the member's today.
     */
    static final String HABITS = "select h.habit_id, h.goal_id, h.member_id, h.schedule_type, h.days,"
            + " h.times_per_week, h.every_n_days, h.start_date, h.target_value, h.target_direction, s.today"
            + " from dim_habits h join refresh_scope s on s.member_id = h.member_id"
            + " join dim_goals g on g.goal_id = h.goal_id"
            + " where " + COUNTS + " and h.start_date <= s.today";

    /** The habits that count now, of the members in {@code refresh_scope}, filled into {@code refresh_habits}. */
    static final String FILL_HABITS = "insert into refresh_habits (habit_id, goal_id, member_id,"
            + " schedule_type, days, times_per_week, every_n_days, start_date, target_value, target_direction, today) "
            + HABITS;

    /**
     * The latest check-in per habit and day since the habit started (a retracted one is gone from the facts), read
     * once per refresh by the day grid and the streaks.
     */
    String fillCheckins() {
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

    /** A habit {@code h}'s period in days: what a day's value looks back over (a day, n days, else a week). */
    static final String PERIOD =
            "case h.schedule_type when 'DAILY' then 1 when 'EVERY_N_DAYS' then h.every_n_days else 7 end";

    /** What a habit {@code h} owes per period: n per week, a WEEKDAYS habit's days, else one. */
    String owed() {
        return "case h.schedule_type when 'TIMES_PER_WEEK' then h.times_per_week when 'WEEKDAYS' then " + weekdaysOwed()
                + " else 1 end";
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
    String fillDays() {
        return "insert into refresh_days (habit_id, goal_id, member_id, schedule_type, times_per_week, period, owed,"
                + " today, day, iso_year, iso_week, status, success, skipped, due, counted)"
                + " select h.habit_id, h.goal_id, h.member_id, h.schedule_type, h.times_per_week,"
                + " " + PERIOD + ", " + owed() + ","
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

    /** Whether {@code day} is within the last {@code w} days up to {@code today}. */
    String within(String day, String today, int w) {
        return sql.daysBetween(day, today) + " < " + w;
    }

    /** The index of a day's ISO week, counted from the habit's first week. */
    String weekIndex(String d) {
        return sql.quotient(sql.daysBetween(sql.isoWeekStart("h.start_date"), sql.isoWeekStart(d)), "7");
    }

    /** A day's running occurrence index within its day-scheduled habit. */
    String index(String d) {
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
}
