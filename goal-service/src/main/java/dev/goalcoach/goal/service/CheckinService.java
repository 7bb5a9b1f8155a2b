package dev.goalcoach.goal.service;

import static dev.goalcoach.kit.problem.ProblemException.invalidField;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.goal.Checkin;
import dev.goalcoach.goal.CheckinStatus;
import dev.goalcoach.goal.GoalStatus;
import dev.goalcoach.goal.MemberCalendar;
import dev.goalcoach.goal.api.GoalDtos.BulkCheckinRequest;
import dev.goalcoach.goal.api.GoalDtos.BulkCheckinResult;
import dev.goalcoach.goal.api.GoalDtos.CheckinRequest;
import dev.goalcoach.goal.api.GoalDtos.CheckinView;
import dev.goalcoach.goal.config.GoalConfig;
import dev.goalcoach.goal.messaging.GoalEvents;
import dev.goalcoach.goal.repository.GoalRepository;
import dev.goalcoach.goal.repository.PlanRepository;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Daily check-ins: one per habit and member-local date. A repeat updates it, an identical repeat changes nothing
 * and publishes nothing; concurrent ones for the same habit and date leave one row (the database decides).
 */
@ApplicationScoped
public class CheckinService {

    /** A logged check-in and whether it was new (201) or changed an existing one (200). */
    public record Logged(CheckinView checkin, boolean created) {}

    /*
     * The check-in and its event in one statement, hence one transaction without BEGIN/COMMIT round trips: insert,
     * or update when something differs ("xmax = 0" is true for a freshly inserted row), and for the row that
     * changed, its outbox row (the columns Outbox.append writes). The event's data is written here in Java but for
     * the two fields only the database knows on an update: the check-in's id and its new revision.
     */
    private static final String UPSERT_WITH_EVENT = "with up as ("
            + " insert into checkins (id, member_id, goal_id, habit_id, local_date, status, value, note, revision,"
            + " created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)"
            + " on conflict (habit_id, local_date) do update set status = excluded.status, value = excluded.value,"
            + " note = excluded.note, revision = checkins.revision + 1, updated_at = excluded.updated_at"
            + " where (checkins.status, checkins.value, checkins.note)"
            + " is distinct from (excluded.status, excluded.value, excluded.note)"
            + " returning id, revision, created_at, updated_at, (xmax = 0) as inserted),"
            + " event as (insert into outbox (event_id, topic, record_key, event_type, subject, event_time, data)"
            + " select $10, $11, $12, case when up.inserted then $13 else $14 end, $12, up.updated_at,"
            + " (cast($15::text as jsonb) || jsonb_build_object('checkinId', up.id, 'revision', up.revision))::text from up)"
            + " select id, revision, created_at, updated_at, inserted from up";

    private final Pool pool;
    private final GoalRepository goals;
    private final PlanRepository plans;
    private final MemberAccess access;
    private final GoalEvents events;
    private final Clock clock;
    private final GoalConfig config;

    public CheckinService(
            Pool pool,
            GoalRepository goals,
            PlanRepository plans,
            MemberAccess access,
            GoalEvents events,
            Clock clock,
            GoalConfig config) {
        this.pool = pool;
        this.goals = goals;
        this.plans = plans;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Logs a check-in (for {@code goalId}'s habits when given, as the compatibility path does) and answers it as
     * JSON, once per {@code idempotencyKey} when there is one. Without a key the check-in needs no transaction of
     * its own: one statement writes it and its event.
     */
    public Uni<IdempotentRequests.Answer> submit(
            Caller caller, UUID goalId, CheckinRequest r, String idempotencyKey, IdempotentRequests idempotency) {
        if (idempotencyKey == null) {
            return resolveHabit(caller, goalId, r)
                    .chain(request -> log(pool, caller, request))
                    .map(l -> answer(l, idempotency));
        }
        return pool.withTransaction(tx -> idempotency.once(
                tx,
                caller.id(),
                idempotencyKey,
                Arrays.asList(goalId, r),
                () -> resolveHabit(caller, goalId, r)
                        .chain(request -> log(tx, caller, request))
                        .map(l -> answer(l, idempotency))));
    }

    private static IdempotentRequests.Answer answer(Logged l, IdempotentRequests idempotency) {
        return new IdempotentRequests.Answer(l.created() ? 201 : 200, idempotency.write(l.checkin()));
    }

    /** Logs up to 500 check-ins atomically: one bad item refuses the whole batch, naming the item. */
    public Uni<IdempotentRequests.Answer> submitBulk(
            Caller caller, BulkCheckinRequest bulk, String idempotencyKey, IdempotentRequests idempotency) {
        return pool.withTransaction(tx -> {
            Supplier<Uni<IdempotentRequests.Answer>> work = () -> {
                var results = new ArrayList<Logged>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int i = 0; i < bulk.checkins().size(); i++) {
                    int index = i;
                    var item = bulk.checkins().get(i);
                    chain = chain.chain(() -> Uni.createFrom()
                            .deferred(() -> resolveHabit(caller, null, item))
                            .chain(request -> log(tx, caller, request))
                            .invoke(results::add)
                            .onFailure(ProblemException.class)
                            .transform(e -> ((ProblemException) e).at("checkins[" + index + "]"))
                            .replaceWithVoid());
                }
                return chain.map(v -> {
                    int created = (int) results.stream().filter(Logged::created).count();
                    var body = new BulkCheckinResult(
                            created,
                            results.size() - created,
                            results.stream().map(Logged::checkin).toList());
                    return new IdempotentRequests.Answer(200, idempotency.write(body));
                });
            };
            return idempotencyKey == null ? work.get() : idempotency.once(tx, caller.id(), idempotencyKey, bulk, work);
        });
    }

    /** Withdraws a check-in of the caller's: the day is as if never logged. */
    @WithTransaction
    public Uni<Void> retract(Caller caller, UUID checkinId) {
        return Panache.getSession().chain(s -> s.find(Checkin.class, checkinId)).chain(c -> {
            if (c == null || !caller.is(c.memberId)) {
                return Uni.createFrom().failure(ProblemException.notFound("check-in"));
            }
            Instant at = clock.instant();
            return events.checkinRetracted(c, at)
                    .chain(() -> Panache.getSession().chain(s -> s.remove(c)));
        });
    }

    /** Check-ins of a member between two dates (at most a year), for whoever may read them. */
    @WithSession
    public Uni<List<CheckinView>> list(Caller caller, UUID memberId, UUID habitId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw invalidField("to", "is before from");
        }
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw invalidField("to", "at most 366 days after from");
        }
        return access.readable(caller, memberId, "member")
                .chain(owner -> Panache.getSession().chain(s -> {
                    var query = s.createSelectionQuery(
                                    "from Checkin where memberId = :member and localDate between :from and :to"
                                            + (habitId == null ? "" : " and habitId = :habit")
                                            + " order by localDate, habitId",
                                    Checkin.class)
                            .setParameter("member", memberId)
                            .setParameter("from", from)
                            .setParameter("to", to);
                    return (habitId == null ? query : query.setParameter("habit", habitId)).getResultList();
                }))
                .map(list -> list.stream().map(CheckinService::view).toList());
    }

    /** The request with its habit settled: on the goal path a goal with one habit needs no habitId. */
    private Uni<CheckinRequest> resolveHabit(Caller caller, UUID goalId, CheckinRequest r) {
        if (goalId == null) {
            if (r.habitId() == null) {
                throw invalidField("habitId", "is required");
            }
            return Uni.createFrom().item(r);
        }
        return Panache.withSession(() -> goals.findById(goalId).chain(goal -> {
            if (goal == null || !caller.is(goal.memberId)) {
                return Uni.createFrom().failure(ProblemException.notFound("goal"));
            }
            return plans.habits(goalId).map(habits -> {
                if (r.habitId() != null) {
                    if (habits.stream().noneMatch(h -> h.id.equals(r.habitId()))) {
                        throw ProblemException.notFound("habit of this goal");
                    }
                    return r;
                }
                if (habits.size() != 1) {
                    throw invalidField("habitId", "is required when the goal has " + habits.size() + " habits");
                }
                return new CheckinRequest(habits.get(0).id, r.date(), r.status(), r.value(), r.note());
            });
        }));
    }

    /** Logs one check-in for the caller's own habit, on {@code db}: the pool, or a transaction's connection. */
    private Uni<Logged> log(SqlClient db, Caller caller, CheckinRequest r) {
        return db.preparedQuery(HABIT_FOR_CHECKIN)
                .execute(Tuple.of(r.habitId()))
                .chain(rows -> {
                    var habit = rows.size() == 0
                            ? null
                            : HabitForCheckin.of(rows.iterator().next());
                    if (habit == null || !caller.is(habit.memberId())) {
                        // someone else's habit does not exist, as far as the caller can tell
                        return Uni.createFrom().failure(ProblemException.notFound("habit"));
                    }
                    if (habit.timezone() == null) {
                        return Uni.createFrom().failure(MemberAccess.notYetKnown());
                    }
                    return record(db, habit, r);
                });
    }

    /** Everything a check-in needs about its habit, in one round trip: the habit, its goal's status, the zone. */
    private static final String HABIT_FOR_CHECKIN = "select h.id, h.goal_id, h.member_id, h.start_date,"
            + " h.target_value is not null, h.active, g.status, d.timezone"
            + " from habits h join goals g on g.id = h.goal_id"
            + " left join member_directory d on d.member_id = h.member_id and not d.deleted"
            + " where h.id = $1";

    private record HabitForCheckin(
            UUID id,
            UUID goalId,
            UUID memberId,
            LocalDate startDate,
            boolean measurable,
            boolean active,
            GoalStatus goalStatus,
            String timezone) {
        static HabitForCheckin of(Row row) {
            return new HabitForCheckin(
                    row.getUUID(0),
                    row.getUUID(1),
                    row.getUUID(2),
                    row.getLocalDate(3),
                    row.getBoolean(4),
                    row.getBoolean(5),
                    GoalStatus.valueOf(row.getString(6)),
                    row.getString(7));
        }
    }

    private Uni<Logged> record(SqlClient db, HabitForCheckin habit, CheckinRequest r) {
        GoalStatus goalStatus = habit.goalStatus();
        ZoneId zone = ZoneId.of(habit.timezone());
        Instant now = clock.instant();
        LocalDate today = MemberCalendar.today(zone, now);
        LocalDate date = r.date() == null ? today : r.date();
        MemberCalendar.checkinDateProblem(date, today, habit.startDate(), config.checkinBackdateDays())
                .ifPresent(problem -> {
                    throw invalidField("date", problem);
                });
        if (!habit.active()) {
            throw ProblemException.conflict("this habit is no longer active");
        }
        CheckinStatus status = r.status() == null ? CheckinStatus.DONE : r.status();
        if (goalStatus == GoalStatus.PAUSED && status == CheckinStatus.MISSED) {
            status = CheckinStatus.SKIPPED; // a paused goal's days are rest, not failure
        }
        BigDecimal value = r.value();
        if (value != null && !habit.measurable()) {
            throw invalidField("value", "this habit is done or not done; it takes no value");
        }
        if (value != null && value.signum() < 0) {
            throw invalidField("value", "must not be negative");
        }
        if (value != null && status != CheckinStatus.DONE) {
            throw invalidField("value", "only a DONE check-in has a value");
        }
        var c = new Checkin();
        c.id = UUID.randomUUID();
        c.memberId = habit.memberId();
        c.goalId = habit.goalId();
        c.habitId = habit.id();
        c.localDate = date;
        c.status = status;
        c.value = value;
        c.note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        var draft = new CheckinRecorded(
                c.id, c.memberId, c.goalId, c.habitId, c.localDate, c.status.name(), c.value, 1, now);
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
                .addString(new String(EventJson.write(draft), StandardCharsets.UTF_8));
        return db.preparedQuery(UPSERT_WITH_EVENT).execute(params).chain(rows -> {
            if (rows.size() == 0) {
                // the same check-in again: nothing changed, nothing to publish
                return existing(db, habit.id(), date).map(same -> new Logged(same, false));
            }
            Row row = rows.iterator().next();
            var view = new CheckinView(
                    row.getUUID(0),
                    c.habitId,
                    c.goalId,
                    c.localDate,
                    c.status,
                    c.value,
                    c.note,
                    row.getOffsetDateTime(2).toInstant(),
                    row.getOffsetDateTime(3).toInstant());
            return Uni.createFrom().item(new Logged(view, row.getBoolean(4)));
        });
    }

    private static final String EXISTING = "select id, goal_id, status, value, note, created_at, updated_at"
            + " from checkins where habit_id = $1 and local_date = $2";

    private Uni<CheckinView> existing(SqlClient db, UUID habitId, LocalDate date) {
        return db.preparedQuery(EXISTING).execute(Tuple.of(habitId, date)).map(rows -> {
            Row row = rows.iterator().next();
            Numeric value = row.getNumeric(3);
            return new CheckinView(
                    row.getUUID(0),
                    habitId,
                    row.getUUID(1),
                    date,
                    CheckinStatus.valueOf(row.getString(2)),
                    value == null ? null : value.bigDecimalValue(),
                    row.getString(4),
                    row.getOffsetDateTime(5).toInstant(),
                    row.getOffsetDateTime(6).toInstant());
        });
    }

    static CheckinView view(Checkin c) {
        return new CheckinView(
                c.id, c.habitId, c.goalId, c.localDate, c.status, c.value, c.note, c.createdAt, c.updatedAt);
    }
}
