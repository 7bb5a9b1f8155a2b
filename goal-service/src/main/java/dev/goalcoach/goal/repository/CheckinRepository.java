package dev.goalcoach.goal.repository;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.goal.Checkin;
import dev.goalcoach.goal.CheckinStatus;
import dev.goalcoach.goal.GoalStatus;
import dev.goalcoach.kit.outbox.Outbox;
import dev.goalcoach.kit.tracing.EventTraces;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Check-ins. The write path runs on the reactive SQL client, not the ORM: a check-in and its event are one
 * statement ({@link #upsertWithEvent}), on the pool or in a transaction ({@link Db}). Reads and retraction go
 * through the session of the caller's transaction.
 */
@ApplicationScoped
public class CheckinRepository {

    /** Everything a check-in needs about its habit, in one round trip: the habit, its goal's status, the zone. */
    public record HabitForCheckin(
            UUID id,
            UUID goalId,
            UUID memberId,
            LocalDate startDate,
            boolean measurable,
            boolean active,
            GoalStatus goalStatus,
            String timezone) {}

    /** What the database settled for a written check-in: its id and times, and whether it was inserted. */
    public record Written(UUID id, Instant createdAt, Instant updatedAt, boolean inserted) {}

    /**
     * What {@link #upsertWithEvent} did: nothing when the habit was no longer as expected ({@code stale}), else the
     * check-in written, or null when the same check-in was there already (nothing written, nothing to publish).
     */
    public record Upserted(boolean stale, Written written) {}

    private static final String HABIT_FOR_CHECKIN = "select h.id, h.goal_id, h.member_id, h.start_date,"
            + " h.target_value is not null, h.active, g.status, d.timezone"
            + " from habits h join goals g on g.id = h.goal_id"
            + " left join member_directory d on d.member_id = h.member_id and not d.deleted"
            + " where h.id = $1";

    /*
     * The check-in and its event in one statement, hence one transaction without BEGIN/COMMIT round trips: insert,
     * or update when something differs ("xmax = 0" is true for a freshly inserted row), and for the row that
     * changed, its outbox row ({@link Outbox#COLUMNS}). The event's data is written by the caller but for
     * the two fields only the database knows on an update: the check-in's id and its new revision.
     * Only while the habit still is what the caller validated the check-in against ({@link HabitForCheckin}, maybe
     * remembered from an earlier check-in; $17-$21): the same join as HABIT_FOR_CHECKIN, read in the statement's
     * own snapshot, else nothing is written. One row always: whether the habit was as expected, then the written
     * check-in's columns (null when nothing differed or the habit was not as expected).
     */
    private static final String UPSERT_WITH_EVENT = "with habit as (select 1 from habits h"
            + " join goals g on g.id = h.goal_id"
            + " join member_directory d on d.member_id = h.member_id and not d.deleted"
            + " where h.id = $4 and h.member_id = $2 and h.goal_id = $3 and h.start_date = $17"
            + " and (h.target_value is not null) = $18 and h.active = $19 and g.status = $20 and d.timezone = $21),"
            + " up as ("
            + " insert into checkins (id, member_id, goal_id, habit_id, local_date, status, value, note, revision,"
            + " created_at, updated_at) select $1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9 from habit"
            + " on conflict (habit_id, local_date) do update set status = excluded.status, value = excluded.value,"
            + " note = excluded.note, revision = checkins.revision + 1, updated_at = excluded.updated_at"
            + " where (checkins.status, checkins.value, checkins.note)"
            + " is distinct from (excluded.status, excluded.value, excluded.note)"
            + " returning id, revision, created_at, updated_at, (xmax = 0) as inserted),"
            + " event as (insert into outbox (" + Outbox.COLUMNS + ")"
            + " select $10, $11, $12, case when up.inserted then $13 else $14 end, $12, up.updated_at,"
            + " (cast($15::text as jsonb) || jsonb_build_object('checkinId', up.id, 'revision', up.revision))::text,"
            + " $16 from up)"
            + " select exists (select 1 from habit), up.id, up.revision, up.created_at, up.updated_at, up.inserted"
            + " from (select 1) one left join up on true";

    private static final String EXISTING = "select id, goal_id, status, value, note, created_at, updated_at"
            + " from checkins where habit_id = $1 and local_date = $2";

    private final Db pool;
    private final Pool pooled;

    public CheckinRepository(Pool pool) {
        this.pooled = pool;
        this.pool = new Db(pool);
    }

    /** Statements each on their own connection from the pool. */
    public Db pool() {
        return pool;
    }

    /** {@code work} in one transaction, committed when its Uni succeeds. */
    public <T> Uni<T> inTransaction(Function<Db, Uni<T>> work) {
        return pooled.withTransaction(tx -> work.apply(new Db(tx)));
    }

    /** The habit a check-in is for, or null when there is none. */
    public Uni<HabitForCheckin> habitForCheckin(Db db, UUID habitId) {
        return db.client
                .preparedQuery(HABIT_FOR_CHECKIN)
                .execute(Tuple.of(habitId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new HabitForCheckin(
                            row.getUUID(0),
                            row.getUUID(1),
                            row.getUUID(2),
                            row.getLocalDate(3),
                            row.getBoolean(4),
                            row.getBoolean(5),
                            GoalStatus.valueOf(row.getString(6)),
                            row.getString(7));
                });
    }

    /**
     * Inserts {@code c}, or updates the habit's check-in of that date when something differs, with its
     * {@code checkin.logged} or {@code checkin.updated} event ({@code eventData} completed by id and revision),
     * provided the habit is still {@code habit} (its member, goal, start, measurability, activity, goal's status and
     * zone): a check-in validated against what the habit was writes nothing.
     */
    public Uni<Upserted> upsertWithEvent(Db db, HabitForCheckin habit, Checkin c, Instant now, String eventData) {
        var params = Tuple.tuple()
                .addUUID(c.id)
                .addUUID(c.memberId)
                .addUUID(c.goalId)
                .addUUID(c.habitId)
                .addLocalDate(c.localDate)
                .addString(c.status.name())
                .addValue(c.value == null ? null : Numeric.create(c.value))
                .addString(c.note)
                .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
                .addUUID(UUID.randomUUID())
                .addString(EventCatalog.CHECKIN_LOGGED.topic())
                .addString(c.memberId.toString())
                .addString(EventCatalog.CHECKIN_LOGGED.type())
                .addString(EventCatalog.CHECKIN_UPDATED.type())
                .addString(eventData)
                .addString(EventTraces.current())
                .addLocalDate(habit.startDate())
                .addBoolean(habit.measurable())
                .addBoolean(habit.active())
                .addString(habit.goalStatus().name())
                .addString(habit.timezone());
        return db.client.preparedQuery(UPSERT_WITH_EVENT).execute(params).map(rows -> {
            Row row = rows.iterator().next();
            if (!row.getBoolean(0)) {
                return new Upserted(true, null);
            }
            if (row.getUUID(1) == null) {
                return new Upserted(false, null);
            }
            return new Upserted(
                    false,
                    new Written(
                            row.getUUID(1),
                            row.getOffsetDateTime(3).toInstant(),
                            row.getOffsetDateTime(4).toInstant(),
                            row.getBoolean(5)));
        });
    }

    /** The habit's check-in of {@code date}, which is known to exist. */
    public Uni<Checkin> existing(Db db, UUID habitId, LocalDate date) {
        return db.client
                .preparedQuery(EXISTING)
                .execute(Tuple.of(habitId, date))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Numeric value = row.getNumeric(3);
                    var c = new Checkin();
                    c.id = row.getUUID(0);
                    c.habitId = habitId;
                    c.goalId = row.getUUID(1);
                    c.localDate = date;
                    c.status = CheckinStatus.valueOf(row.getString(2));
                    c.value = value == null ? null : value.bigDecimalValue();
                    c.note = row.getString(4);
                    c.createdAt = row.getOffsetDateTime(5).toInstant();
                    c.updatedAt = row.getOffsetDateTime(6).toInstant();
                    return c;
                });
    }

    public Uni<Checkin> find(UUID id) {
        return Panache.getSession().chain(s -> s.find(Checkin.class, id));
    }

    public Uni<Void> remove(Checkin c) {
        return Panache.getSession().chain(s -> s.remove(c));
    }

    /** A member's check-ins between two dates (of one habit when given), by date and habit. */
    public Uni<List<Checkin>> between(UUID memberId, UUID habitId, LocalDate from, LocalDate to) {
        return Panache.getSession().chain(s -> {
            var query = s.createSelectionQuery(
                            "from Checkin where memberId = :member and localDate between :from and :to"
                                    + (habitId == null ? "" : " and habitId = :habit")
                                    + " order by localDate, habitId",
                            Checkin.class)
                    .setParameter("member", memberId)
                    .setParameter("from", from)
                    .setParameter("to", to);
            return (habitId == null ? query : query.setParameter("habit", habitId)).getResultList();
        });
    }
}
