package dev.goalcoach.goal.service;

import static dev.goalcoach.kit.problem.ProblemException.invalidField;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.goalcoach.events.CheckinRecorded;
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
import dev.goalcoach.goal.repository.CheckinRepository;
import dev.goalcoach.goal.repository.CheckinRepository.HabitForCheckin;
import dev.goalcoach.goal.repository.CheckinRepository.Written;
import dev.goalcoach.goal.repository.Db;
import dev.goalcoach.goal.repository.GoalRepository;
import dev.goalcoach.goal.repository.PlanRepository;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Daily check-ins: one per habit and member-local date. A repeat updates it, an identical repeat changes nothing
 * and publishes nothing; concurrent ones for the same habit and date leave one row (the database decides).
 *
 * <p>A check-in is validated against its habit as last seen by this replica (its member, goal, start, whether it
 * takes a value, whether it is active, its goal's status, the member's zone), and the statement that writes it
 * writes only while the habit is still that: a habit seen before costs no lookup, one changed since (here or by
 * another replica) is looked up again and the check-in validated anew (decisions/0027).
 */
@ApplicationScoped
public class CheckinService {

    /** A logged check-in and whether it was new (201) or changed an existing one (200). */
    public record Logged(CheckinView checkin, boolean created) {}

    private final CheckinRepository checkins;
    private final GoalRepository goals;
    private final PlanRepository plans;
    private final MemberAccess access;
    private final GoalEvents events;
    private final Clock clock;
    private final GoalConfig config;
    private final Cache<UUID, HabitForCheckin> habits;
    private final Counter stale;

    public CheckinService(
            CheckinRepository checkins,
            GoalRepository goals,
            PlanRepository plans,
            MemberAccess access,
            GoalEvents events,
            Clock clock,
            GoalConfig config,
            MeterRegistry registry) {
        this.checkins = checkins;
        this.goals = goals;
        this.plans = plans;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.config = config;
        // evictions on the caller's thread: the bound holds at every write, not later
        this.habits = Caffeine.newBuilder()
                .maximumSize(config.checkinHabitsCached())
                .executor(Runnable::run)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, habits, "goal-checkin-habits");
        this.stale = Counter.builder("goalcoach_checkin_habit_stale")
                .description("Check-ins whose habit had changed since this replica last saw it: looked up again")
                .register(registry);
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
                    .chain(request -> log(checkins.pool(), caller, request, config.checkinBackdateDays()))
                    .map(l -> answer(l, idempotency));
        }
        return checkins.inTransaction(tx -> idempotency.once(
                tx,
                caller.id(),
                idempotencyKey,
                Arrays.asList(goalId, r),
                () -> resolveHabit(caller, goalId, r)
                        .chain(request -> log(tx, caller, request, config.checkinBackdateDays()))
                        .map(l -> answer(l, idempotency))));
    }

    private static IdempotentRequests.Answer answer(Logged l, IdempotentRequests idempotency) {
        return new IdempotentRequests.Answer(l.created() ? 201 : 200, idempotency.write(l.checkin()));
    }

    /** Logs up to 500 check-ins atomically: one bad item refuses the whole batch, naming the item. */
    public Uni<IdempotentRequests.Answer> submitBulk(
            Caller caller, BulkCheckinRequest bulk, String idempotencyKey, IdempotentRequests idempotency) {
        return bulk(caller, bulk, config.checkinBackdateDays(), idempotencyKey, idempotency);
    }

    /**
     * An admin's import of a member's past check-ins (a migration from another tracker, a demo's history): up to 500
     * atomically, as {@link #submitBulk} for the member, but as far back as {@code goalcoach.goal.import-days} and
     * the habit's start. Each is logged and published as the member's own would be.
     */
    public Uni<IdempotentRequests.Answer> importFor(
            Caller admin, UUID memberId, BulkCheckinRequest bulk, IdempotentRequests idempotency) {
        if (!admin.isAdmin()) {
            return Uni.createFrom().failure(ProblemException.forbidden("importing check-ins is an admin's"));
        }
        return bulk(new Caller(memberId, Roles.MEMBER), bulk, config.importDays(), null, idempotency);
    }

    private Uni<IdempotentRequests.Answer> bulk(
            Caller caller,
            BulkCheckinRequest bulk,
            int backdateDays,
            String idempotencyKey,
            IdempotentRequests idempotency) {
        return checkins.inTransaction(tx -> {
            Supplier<Uni<IdempotentRequests.Answer>> work = () -> {
                var results = new ArrayList<Logged>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int i = 0; i < bulk.checkins().size(); i++) {
                    int index = i;
                    var item = bulk.checkins().get(i);
                    chain = chain.chain(() -> Uni.createFrom()
                            .deferred(() -> resolveHabit(caller, null, item))
                            .chain(request -> log(tx, caller, request, backdateDays))
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
        return checkins.find(checkinId).chain(c -> {
            if (c == null || !caller.is(c.memberId)) {
                return Uni.createFrom().failure(ProblemException.notFound("check-in"));
            }
            Instant at = clock.instant();
            return events.checkinRetracted(c, at).chain(() -> checkins.remove(c));
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
                .chain(owner -> checkins.between(memberId, habitId, from, to))
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
    private Uni<Logged> log(Db db, Caller caller, CheckinRequest r, int backdateDays) {
        HabitForCheckin seen = habits.getIfPresent(r.habitId());
        if (seen == null || !caller.is(seen.memberId())) {
            return lookUp(db, caller, r, backdateDays, 1);
        }
        return Uni.createFrom()
                .deferred(() -> record(db, seen, r, backdateDays))
                // what the habit was may refuse what it is now allows (or the other way round): look it up
                .onFailure(ProblemException.class)
                .recoverWithItem(() -> null)
                .chain(logged -> {
                    if (logged != null) {
                        return Uni.createFrom().item(logged);
                    }
                    habits.invalidate(r.habitId());
                    return lookUp(db, caller, r, backdateDays, 1);
                });
    }

    /** {@link #log} with the habit as it is now; again when it changed between the lookup and the write. */
    private Uni<Logged> lookUp(Db db, Caller caller, CheckinRequest r, int backdateDays, int attempt) {
        return checkins.habitForCheckin(db, r.habitId()).chain(habit -> {
            if (habit == null || !caller.is(habit.memberId())) {
                // someone else's habit does not exist, as far as the caller can tell
                return Uni.createFrom().failure(ProblemException.notFound("habit"));
            }
            if (habit.timezone() == null) {
                return Uni.createFrom().failure(MemberAccess.notYetKnown());
            }
            return record(db, habit, r, backdateDays).chain(logged -> {
                if (logged != null) {
                    habits.put(habit.id(), habit);
                    return Uni.createFrom().item(logged);
                }
                if (attempt == 3) {
                    return Uni.createFrom()
                            .failure(ProblemException.conflict(
                                    "the habit kept changing while this check-in was written; try again"));
                }
                return lookUp(db, caller, r, backdateDays, attempt + 1);
            });
        });
    }

    /** Null when {@code habit} is no longer what the habit is: nothing written. */
    private Uni<Logged> record(Db db, HabitForCheckin habit, CheckinRequest r, int backdateDays) {
        GoalStatus goalStatus = habit.goalStatus();
        ZoneId zone = ZoneId.of(habit.timezone());
        Instant now = clock.instant();
        LocalDate today = MemberCalendar.today(zone, now);
        LocalDate date = r.date() == null ? today : r.date();
        MemberCalendar.checkinDateProblem(date, today, habit.startDate(), backdateDays)
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
        String eventData = new String(EventJson.write(draft), StandardCharsets.UTF_8);
        return checkins.upsertWithEvent(db, habit, c, now, eventData).chain(upserted -> {
            if (upserted.stale()) {
                stale.increment();
                return Uni.createFrom().nullItem();
            }
            Written written = upserted.written();
            if (written == null) {
                // the same check-in again: nothing changed, nothing to publish
                return checkins.existing(db, habit.id(), date).map(same -> new Logged(view(same), false));
            }
            var view = new CheckinView(
                    written.id(),
                    c.habitId,
                    c.goalId,
                    c.localDate,
                    c.status,
                    c.value,
                    c.note,
                    written.createdAt(),
                    written.updatedAt());
            return Uni.createFrom().item(new Logged(view, written.inserted()));
        });
    }

    static CheckinView view(Checkin c) {
        return new CheckinView(
                c.id, c.habitId, c.goalId, c.localDate, c.status, c.value, c.note, c.createdAt, c.updatedAt);
    }
}
