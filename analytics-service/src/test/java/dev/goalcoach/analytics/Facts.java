package dev.goalcoach.analytics;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The rows the loader would write, put straight into a warehouse: how every analytics test builds a history. Runs
 * its SQL through whatever connection the test has (a test's own, or one through the proxied database).
 */
final class Facts {

    /** Runs one statement in the warehouse under test. */
    @FunctionalInterface
    interface Sql {
        void exec(String sql) throws SQLException;
    }

    private final Sql sql;

    Facts(Sql sql) {
        this.sql = sql;
    }

    UUID member(String zone, UUID mentor, UUID group) throws SQLException {
        var id = UUID.randomUUID();
        sql.exec("insert into dim_members (member_id, display_name, role, timezone, mentor_id, group_id, version)"
                + " values ('" + id + "', 'M-" + id.toString().substring(0, 8) + "', 'MEMBER', '" + zone + "', "
                + quote(mentor) + ", " + quote(group) + ", 1)");
        return id;
    }

    UUID mentor(String name) throws SQLException {
        var id = UUID.randomUUID();
        sql.exec("insert into dim_members (member_id, display_name, role, timezone, version) values ('" + id + "', '"
                + name + "', 'MENTOR', 'UTC', 1)");
        return id;
    }

    UUID group(String name, UUID mentor) throws SQLException {
        var id = UUID.randomUUID();
        sql.exec("insert into dim_groups (group_id, name, mentor_id, version) values ('" + id + "', '" + name + "', '"
                + mentor + "', 1)");
        return id;
    }

    /** A habit in a goal of its own (ACTIVE): schedule, its days or counts, start, and a measurable target. */
    UUID habit(
            UUID member,
            String schedule,
            String days,
            Integer perWeek,
            Integer everyN,
            String start,
            String target,
            String direction)
            throws SQLException {
        var goal = UUID.randomUUID();
        var habit = UUID.randomUUID();
        sql.exec("insert into dim_goals (goal_id, member_id, title, theme, status, plan_status, version) values ('"
                + goal + "', '" + member + "', 'g', 'OTHER', 'ACTIVE', 'MANUAL', 1)");
        sql.exec("insert into dim_habits (habit_id, goal_id, member_id, title, schedule_type, days, times_per_week,"
                + " every_n_days, start_date, target_value, target_direction, active, removed, version) values ('"
                + habit + "', '" + goal + "', '" + member + "', 'h', '" + schedule + "', " + quote(days) + ", "
                + perWeek + ", " + everyN + ", '" + start + "', " + target + ", " + quote(direction)
                + ", true, false, 1)");
        return habit;
    }

    UUID dailyHabit(UUID member, LocalDate start) throws SQLException {
        return habit(member, "DAILY", null, null, null, start.toString(), null, null);
    }

    void log(UUID habit, String day, String status, String value) throws SQLException {
        sql.exec("insert into fact_checkins (checkin_id, member_id, goal_id, habit_id, local_date, status, value,"
                + " recorded_at, version) select '" + UUID.randomUUID() + "', member_id, goal_id, habit_id, '" + day
                + "', '" + status + "', " + value + ", now(), 1 from dim_habits where habit_id = '" + habit + "'");
    }

    /** A journal entry of {@code member}'s written at {@code at} (UTC), its mood read by the coach as {@code score}. */
    void journal(UUID member, java.time.Instant at, double score) throws SQLException {
        var entry = UUID.randomUUID();
        sql.exec("insert into fact_journal_entries (entry_id, member_id, written_at, mood, text_length,"
                + " shared_with_mentor, version) values ('" + entry + "', '" + member + "', '" + at
                + "', 2, 100, false, 1)");
        sql.exec("insert into fact_journal_sentiment (entry_id, member_id, entry_version, score, label, emotions,"
                + " provider, model, analyzed_at) values ('" + entry + "', '" + member + "', 1, " + score
                + ", 'NEGATIVE', 'sad', 'offline', 'lexicon', now())");
    }

    void retract(UUID habit, String day) throws SQLException {
        sql.exec("delete from fact_checkins where habit_id = '" + habit + "' and local_date = '" + day + "'");
    }

    static String quote(Object s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
