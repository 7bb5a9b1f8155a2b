package dev.goalcoach.analytics.metrics;

import dev.goalcoach.analytics.CohortKind;
import dev.goalcoach.warehouse.Dialect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every statement the service sends besides a refresh and a step: its reads of the metrics and the loader's tables,
 * the risk outbox and the rollover's lease, spelled by the warehouse's {@link Dialect} where PostgreSQL and Snowflake
 * differ. Kept in one place so that the golden files ({@code MetricsGoldenTest}) hold them beside the refresh.
 */
public final class ReadSql {

    /** The days of a member's series a roster entry shows (a sparkline's). */
    public static final int ROSTER_DAYS = 30;

    /** A member's mentor (and whether the warehouse knows the member). */
    public final String member;

    /** Members whose own date at the instant bound is past their metrics' date, or who have none yet. */
    public final String rolledOver;

    /** How many mentees a mentor has and when the last of their metrics was written: the roster's version. */
    public final String rosterVersion;

    /** Everyone the warehouse knows. */
    public final String everyone;

    /** A member's daily series. */
    public final String series;

    /** A mentor's mentees, the riskiest first, with their last {@link #ROSTER_DAYS} days owed and met. */
    public final String roster;

    /** A member's metrics, table by table. */
    public final String adherence;

    public final String streaks;
    public final String strength;
    public final String risk;

    /** A member's role now, and MEMBER for an erased member. */
    public final String role;

    /** A member's goals and their habits, as the loader last wrote them. */
    public final String goals;

    public final String habits;

    /** The oldest risk changes not yet published ({@code %d}: how many), and deleting one published. */
    public final String outboxPending;

    public final String outboxPublished;

    /** The rollover's lease: taken by a holder when free or expired; its holder; given back. */
    public final String leaseTake;

    public final String leaseHolder;
    public final String leaseGiveBack;

    private final Dialect dialect;

    public ReadSql(Dialect d) {
        this.dialect = d;
        // the member's own streak row is rewritten by every refresh and step: when it was, the metrics' version
        member = "select m.mentor_id, s.computed_at from dim_members m left join metrics_streak s"
                + " on s.member_id = m.member_id and s.scope = 'member' and s.scope_id = m.member_id"
                + " where m.member_id = ?";
        rosterVersion = "select count(*), max(s.computed_at) from dim_members m left join metrics_streak s"
                + " on s.member_id = m.member_id and s.scope = 'member' and s.scope_id = m.member_id"
                + " where m.mentor_id = ?";
        rolledOver = "select m.member_id from dim_members m left join metrics_streak s"
                + " on s.member_id = m.member_id and s.scope = 'member' and s.scope_id = m.member_id"
                + " where s.as_of is null or s.as_of < " + d.localDateAtParameter("coalesce(m.timezone, 'UTC')")
                + " order by m.member_id";
        everyone = "select member_id from dim_members order by member_id";
        series = "select first_day, owed, met, skipped from metrics_series where member_id = ?";
        roster = "select d.member_id, d.display_name, d.risk_score, d.risk_level, d.adherence7, d.adherence30,"
                + " d.current_streak, " + d.lastOf("s.owed", ROSTER_DAYS) + ", " + d.lastOf("s.met", ROSTER_DAYS)
                + " from mentor_dashboard d left join metrics_series s on s.member_id = d.member_id"
                + " where d.mentor_id = ? order by d.risk_score desc nulls last, d.display_name, d.member_id";
        adherence = "select scope, scope_id, window_days, adherence, as_of, computed_at from metrics_adherence"
                + " where member_id = ? order by scope, scope_id, window_days";
        streaks = "select s.scope, s.scope_id, s.current_streak, s.longest_streak, s.unit, h.goal_id, s.as_of,"
                + " s.computed_at from metrics_streak s left join dim_habits h on s.scope = 'habit'"
                + " and h.habit_id = s.scope_id where s.member_id = ?";
        strength = "select habit_id, strength from metrics_habit_strength where member_id = ?";
        risk = "select score, level, reasons from metrics_risk where member_id = ?";
        role = "select role from dim_members where member_id = ?"
                + " union all select 'MEMBER' from sync_erased_members where member_id = ?";
        goals = "select goal_id, title, theme, status, plan_status, target_date from dim_goals where member_id = ?"
                + " order by updated_at desc nulls last, goal_id";
        habits = "select goal_id, habit_id, title, schedule_type, days, times_per_week, every_n_days, start_date,"
                + " target_value, target_unit, target_direction, active from dim_habits"
                + " where member_id = ? and not removed order by start_date, habit_id";
        outboxPending = "select member_id, previous_level, level, score, reasons, as_of, changed_at"
                + " from analytics_outbox order by changed_at, member_id limit %d";
        outboxPublished = "delete from analytics_outbox where member_id = ? and changed_at = ?";
        leaseTake = "update analytics_leases set holder = ?, expires_at = ? where name = ?"
                + " and (holder is null or holder = ? or expires_at < ?)";
        leaseHolder = "select holder from analytics_leases where name = ?";
        leaseGiveBack = "update analytics_leases set holder = null, expires_at = null where name = ? and holder = ?";
    }

    /**
     * One page of every cohort of a kind, by name (an admin's overview); each row also holds how many cohorts there
     * are. {@code page} and {@code size} are the caller's validated numbers, written into the statement.
     */
    public String cohortPage(CohortKind kind, int page, int size) {
        return cohort(kind, "") + " limit " + size + " offset " + (long) page * size;
    }

    /** One cohort, by its id (bound). */
    public String cohortOne(CohortKind kind) {
        return cohort(kind, "where c.id = ?");
    }

    /** How many cohorts of a kind there are. */
    public String cohortCount(CohortKind kind) {
        return "select count(*) from (" + cohorts(kind) + ") c";
    }

    private String cohort(CohortKind kind, String where) {
        var d = dialect;
        return "select c.id, c.name, c.mentor_id, count(d.member_id), count(d.risk_score), round(avg(d.adherence7), 4),"
                + " round(avg(d.adherence30), 4), round(avg(d.adherence90), 4), " + d.countIf("d.risk_level = 'HIGH'")
                + ", " + d.countIf("d.risk_level = 'MEDIUM'") + ", " + d.countIf("d.risk_level = 'LOW'")
                + ", round(avg(d.current_streak), 2), round(avg(d.strength), 4), count(*) over ()"
                + " from (" + cohorts(kind) + ") c left join mentor_dashboard d on d." + column(kind) + " = c.id"
                + (where.isEmpty() ? "" : " " + where) + " group by c.id, c.name, c.mentor_id order by c.name, c.id";
    }

    /** The cohorts of a kind: each one's id, name and mentor. */
    private static String cohorts(CohortKind kind) {
        return switch (kind) {
            case MENTOR ->
                "select member_id as id, display_name as name, member_id as mentor_id from dim_members"
                        + " where role = 'MENTOR'";
            case GROUP -> "select group_id as id, name, mentor_id from dim_groups";
        };
    }

    /** The mentor dashboard's column a cohort of the kind is keyed by. */
    private static String column(CohortKind kind) {
        return switch (kind) {
            case MENTOR -> "mentor_id";
            case GROUP -> "group_id";
        };
    }

    /** Every statement, named, for the golden files (a cohort page as its first page of 50). */
    public Map<String, String> all() {
        var all = new LinkedHashMap<String, String>();
        all.put("member", member);
        all.put("rolled over", rolledOver);
        all.put("everyone", everyone);
        all.put("series", series);
        all.put("roster", roster);
        all.put("roster, version", rosterVersion);
        all.put("adherence", adherence);
        all.put("streaks", streaks);
        all.put("strength", strength);
        all.put("risk", risk);
        all.put("role", role);
        all.put("goals", goals);
        all.put("habits", habits);
        for (var kind : CohortKind.values()) {
            all.put("cohorts of " + kind + ", a page", cohortPage(kind, 0, 50));
            all.put("a cohort of " + kind, cohortOne(kind));
            all.put("cohorts of " + kind + ", how many", cohortCount(kind));
        }
        all.put("outbox, pending", String.format(outboxPending, 500));
        all.put("outbox, published", outboxPublished);
        all.put("lease, take", leaseTake);
        all.put("lease, holder", leaseHolder);
        all.put("lease, give back", leaseGiveBack);
        return all;
    }
}
