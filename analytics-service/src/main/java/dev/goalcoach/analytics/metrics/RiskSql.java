package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.Table;
import java.util.List;

/** Risk, explained: a member's score from the reasons that hold, each with its points and detail. */
final class RiskSql {

    private final Dialect sql;

    RiskSql(Dialect sql) {
        this.sql = sql;
    }

    /**
     * Risk, explained: each reason that holds adds its points (score capped at 100; HIGH from 60, MEDIUM from 30).
     * A member without habits that count has no risk. Reasons and their near misses are pinned by {@code
     * RiskTest}.
     */
    String statement() {
        return of(
                " members as (select s.member_id, s.today, min(d.day) as first_day"
                        + " from refresh_scope s join refresh_days d on d.member_id = s.member_id and d.day >= "
                        + sql.plusDays("s.today", "-96") + " group by s.member_id, s.today),",
                " last_checkin as (select m.member_id, max(c.local_date) as last_day from members m"
                        + " join fact_checkins c on c.member_id = m.member_id and c.local_date <= m.today"
                        + " group by m.member_id),");
    }

    /**
     * The risk of {@code members} (member_id, today, first_day: the first day of their habits' last 97), whose
     * {@code last_checkin} (member_id, last_day) is given, from their metric rows already written. Each part reads
     * from the members outwards: a step's few members look up their rows by index (a step plans its joins as written).
     */
    String of(String members, String lastCheckin) {
        return "insert into metrics_risk (member_id, score, level, reasons, as_of, computed_at) with" + members
                + lastCheckin
                + " quiet as (select m.member_id, "
                + sql.daysBetween("coalesce(l.last_day, " + sql.plusDays("m.first_day", "-1") + ")", "m.today")
                + " as days from members m left join last_checkin l on l.member_id = m.member_id),"
                + " adherence as (select a.member_id, " + sql.maxIf("a.adherence", "a.window_days = 7") + " as a7, "
                + sql.maxIf("a.adherence", "a.window_days = 30") + " as a30, " + sql.maxIf("a.due", "a.window_days = 7")
                + " as due7 from members m join metrics_adherence a on a.member_id = m.member_id"
                + " and a.scope = 'member' group by a.member_id),"
                + " missed_runs as (select t.member_id, t.habit_id, t.misses from members m"
                + " join metrics_habit_state t on t.member_id = m.member_id where t.misses > 0),"
                + " falling as (select f.member_id, max(f.strength_week_ago - f.strength) as drop_by"
                + " from members m join metrics_habit_strength f on f.member_id = m.member_id group by f.member_id),"
                + " mood as (select e.member_id, avg(t.score) as score, count(*) as entries from members m"
                + " join fact_journal_entries e on e.member_id = m.member_id join fact_journal_sentiment t"
                + " on t.entry_id = e.entry_id and t.entry_version = e.version where e.written_at >= cast("
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
}
