package dev.goalcoach.warehouse;

import static dev.goalcoach.warehouse.Table.Type.BIGINT;
import static dev.goalcoach.warehouse.Table.Type.BOOLEAN;
import static dev.goalcoach.warehouse.Table.Type.DATE;
import static dev.goalcoach.warehouse.Table.Type.INT;
import static dev.goalcoach.warehouse.Table.Type.NUMBER;
import static dev.goalcoach.warehouse.Table.Type.TEXT;
import static dev.goalcoach.warehouse.Table.Type.TIMESTAMP;
import static dev.goalcoach.warehouse.Table.Type.UUID;

import dev.goalcoach.warehouse.Table.Column;
import dev.goalcoach.warehouse.Table.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse's star schema and the loader's bookkeeping, in one place for both dialects. Journal text, notes
 * and e-mail addresses never reach the warehouse; a member's rows are keyed by their (random) member id.
 */
public final class Schema {

    /** Members erased: the id stays (no personal data) so that a late or replayed event cannot bring them back. */
    public static final Table ERASED_MEMBERS = table(
            "sync_erased_members",
            List.of("member_id"),
            "version",
            null,
            col("member_id", UUID),
            col("version", BIGINT),
            col("erased_at", TIMESTAMP));

    /** Deleted goals, check-ins, journal entries and groups: ids are never reused, so a deletion is final. */
    public static final Table DELETIONS = table(
            "sync_deletions",
            List.of("kind", "id"),
            null,
            notErased("member_id"),
            col("kind", TEXT),
            col("id", UUID),
            col("member_id", UUID),
            col("deleted_at", TIMESTAMP));

    public static final Table DIM_MEMBERS = table(
            "dim_members",
            List.of("member_id"),
            "version",
            notErased("member_id"),
            col("member_id", UUID),
            col("display_name", TEXT),
            col("role", TEXT),
            col("timezone", TEXT),
            col("mentor_id", UUID),
            col("group_id", UUID),
            col("created_at", TIMESTAMP),
            col("updated_at", TIMESTAMP),
            col("version", BIGINT));

    public static final Table DIM_GROUPS = table(
            "dim_groups",
            List.of("group_id"),
            "version",
            notDeleted("group", "group_id"),
            col("group_id", UUID),
            col("name", TEXT),
            col("mentor_id", UUID),
            col("updated_at", TIMESTAMP),
            col("version", BIGINT));

    public static final Table DIM_GOALS = table(
            "dim_goals",
            List.of("goal_id"),
            "version",
            notErased("member_id") + " and " + notDeleted("goal", "goal_id"),
            col("goal_id", UUID),
            col("member_id", UUID),
            col("title", TEXT),
            col("theme", TEXT),
            col("status", TEXT),
            col("plan_status", TEXT),
            col("minutes_per_week", INT),
            col("target_date", DATE),
            col("updated_at", TIMESTAMP),
            col("version", BIGINT));

    /** Habits as the newest snapshot of their goal states them ({@code version} is that goal revision). */
    public static final Table DIM_HABITS = table(
            "dim_habits",
            List.of("habit_id"),
            "version",
            notErased("member_id") + " and " + notDeleted("goal", "goal_id"),
            col("habit_id", UUID),
            col("goal_id", UUID),
            col("member_id", UUID),
            col("title", TEXT),
            col("schedule_type", TEXT),
            col("days", TEXT),
            col("times_per_week", INT),
            col("every_n_days", INT),
            col("start_date", DATE),
            col("target_value", NUMBER),
            col("target_unit", TEXT),
            col("target_direction", TEXT),
            col("active", BOOLEAN),
            col("removed", BOOLEAN),
            col("version", BIGINT));

    public static final Table FACT_CHECKINS = table(
            "fact_checkins",
            List.of("checkin_id"),
            "version",
            notErased("member_id") + " and " + notDeleted("checkin", "checkin_id") + " and "
                    + notDeleted("goal", "goal_id"),
            col("checkin_id", UUID),
            col("member_id", UUID),
            col("goal_id", UUID),
            col("habit_id", UUID),
            col("local_date", DATE),
            col("status", TEXT),
            col("value", NUMBER),
            col("recorded_at", TIMESTAMP),
            col("version", BIGINT));

    public static final Table FACT_JOURNAL_ENTRIES = table(
            "fact_journal_entries",
            List.of("entry_id"),
            "version",
            notErased("member_id") + " and " + notDeleted("journal", "entry_id"),
            col("entry_id", UUID),
            col("member_id", UUID),
            col("written_at", TIMESTAMP),
            col("mood", INT),
            col("text_length", INT),
            col("shared_with_mentor", BOOLEAN),
            col("version", BIGINT));

    /** The coach's reading of an entry; its own table, as it travels on another topic than the entry. */
    public static final Table FACT_JOURNAL_SENTIMENT = table(
            "fact_journal_sentiment",
            List.of("entry_id"),
            "entry_version",
            notErased("member_id") + " and " + notDeleted("journal", "entry_id"),
            col("entry_id", UUID),
            col("member_id", UUID),
            col("entry_version", BIGINT),
            col("score", NUMBER),
            col("label", TEXT),
            col("emotions", TEXT),
            col("provider", TEXT),
            col("model", TEXT),
            col("analyzed_at", TIMESTAMP));

    public static final Table FACT_COACH_EVENTS = table(
            "fact_coach_events",
            List.of("event_id"),
            null,
            notErased("member_id"),
            col("event_id", UUID),
            col("member_id", UUID),
            col("goal_id", UUID),
            col("event_type", TEXT),
            col("occurred_at", TIMESTAMP),
            col("provider", TEXT),
            col("model", TEXT),
            col("outcome", TEXT),
            col("detail", TEXT));

    public static final Table FACT_MENTOR_INTERACTIONS = table(
            "fact_mentor_interactions",
            List.of("event_id"),
            null,
            notErased("member_id") + " and " + notErased("mentor_id"),
            col("event_id", UUID),
            col("mentor_id", UUID),
            col("member_id", UUID),
            col("kind", TEXT),
            col("occurred_at", TIMESTAMP),
            col("detail", TEXT));

    /** The next offset to read per topic-partition, written in the same transaction as the rows. */
    public static final Table OFFSETS = table(
            "sync_offsets",
            List.of("topic", "partition_no"),
            "next_offset",
            null,
            col("topic", TEXT),
            col("partition_no", INT),
            col("next_offset", BIGINT));

    /** In merge order: erasures and deletions first, so the guards of the rest see this batch's too. */
    public static final List<Table> LOADED = List.of(
            ERASED_MEMBERS,
            DELETIONS,
            DIM_MEMBERS,
            DIM_GROUPS,
            DIM_GOALS,
            DIM_HABITS,
            FACT_CHECKINS,
            FACT_JOURNAL_ENTRIES,
            FACT_JOURNAL_SENTIMENT,
            FACT_COACH_EVENTS,
            FACT_MENTOR_INTERACTIONS,
            OFFSETS);

    /** Tables holding a member's data: erasure empties them of the member, replay empties them altogether. */
    public static final List<Table> MEMBER_DATA = List.of(
            DELETIONS,
            DIM_MEMBERS,
            DIM_GOALS,
            DIM_HABITS,
            FACT_CHECKINS,
            FACT_JOURNAL_ENTRIES,
            FACT_JOURNAL_SENTIMENT,
            FACT_COACH_EVENTS,
            FACT_MENTOR_INTERACTIONS);

    /** After a batch that erased members: every row of theirs, and their id where others point to it. */
    public static List<String> afterErasures() {
        var sql = new ArrayList<String>();
        String erased = "select member_id from " + ERASED_MEMBERS.staging();
        for (Table t : MEMBER_DATA) {
            sql.add("delete from " + t.name() + " where member_id in (" + erased + ")");
        }
        sql.add("delete from fact_mentor_interactions where mentor_id in (" + erased + ")");
        sql.add("update dim_members set mentor_id = null where mentor_id in (" + erased + ")");
        sql.add("update dim_groups set mentor_id = null where mentor_id in (" + erased + ")");
        return sql;
    }

    /** After a batch that deleted things: a deleted goal takes its habits and check-ins along. */
    public static List<String> afterDeletions() {
        return List.of(
                "delete from dim_groups where group_id in (" + deleted("group") + ")",
                "delete from dim_goals where goal_id in (" + deleted("goal") + ")",
                "delete from dim_habits where goal_id in (" + deleted("goal") + ")",
                "delete from fact_checkins where goal_id in (" + deleted("goal") + ")",
                "delete from fact_checkins where checkin_id in (" + deleted("checkin") + ")",
                "delete from fact_journal_entries where entry_id in (" + deleted("journal") + ")",
                "delete from fact_journal_sentiment where entry_id in (" + deleted("journal") + ")");
    }

    /** After a batch with goal snapshots: habits the goal's newest snapshot no longer lists are removed. */
    public static List<String> afterGoals() {
        return List.of("update dim_habits set removed = true from dim_goals g where dim_habits.goal_id = g.goal_id"
                + " and dim_habits.version < g.version and dim_habits.removed = false"
                + " and g.goal_id in (select goal_id from " + DIM_GOALS.staging() + ")");
    }

    /** Every table a replay empties before reading the topics from the start (erasure markers stay). */
    public static List<String> replayTruncates() {
        var sql = new ArrayList<String>();
        for (Table t : LOADED) {
            if (t != ERASED_MEMBERS) {
                sql.add("delete from " + t.name());
            }
        }
        return sql;
    }

    private static String deleted(String kind) {
        return "select id from " + DELETIONS.staging() + " where kind = '" + kind + "'";
    }

    private static String notErased(String column) {
        return "not exists (select 1 from sync_erased_members e where e.member_id = s." + column + ")";
    }

    private static String notDeleted(String kind, String column) {
        return "not exists (select 1 from sync_deletions d where d.kind = '" + kind + "' and d.id = s." + column + ")";
    }

    private static Column col(String name, Type type) {
        return new Column(name, type);
    }

    private static Table table(String name, List<String> key, String version, String guard, Column... columns) {
        return new Table(name, List.of(columns), key, version, guard);
    }

    private Schema() {}
}
