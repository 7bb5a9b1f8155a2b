package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;

/** The series: a member's last 90 days, owed, met and skipped per day, for charts. */
final class SeriesSql {

    private final Dialect sql;

    SeriesSql(Dialect sql) {
        this.sql = sql;
    }

    /**
     * The series of the last 90 member-local days, for charts, one row per member (arrays from {@code first_day},
     * a day per element): per day the occurrences owed and met by the day-scheduled habits (as in adherence), skips,
     * and the n-per-week habits on the days they were met (their quota is the weeks' business, counted in
     * adherence). A member's days are contiguous: every habit's days run from its start (or 90 days ago) to today.
     */
    String statement() {
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
}
