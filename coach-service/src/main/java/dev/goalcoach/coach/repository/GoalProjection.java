package dev.goalcoach.coach.repository;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.CheckinRetracted;
import dev.goalcoach.events.GoalDeleted;
import dev.goalcoach.events.GoalSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * The coach's own copy of what its scheduled work needs from goal-service: goals, habits and recent check-ins,
 * kept from events. Idempotent and order-safe by revision: a redelivered or older event changes nothing.
 * Each method runs in the caller's transaction, but {@link #checkins}, a statement of its own.
 */
@ApplicationScoped
public class GoalProjection {

    /** Check-ins older than this are dropped: the longest window the coach reads is a month and a bit. */
    public static final int KEEP_DAYS = 120;

    private static final String UPSERT_GOAL = "insert into coach_goals (goal_id, member_id, title, status, revision)"
            + " values (:goal, :member, :title, :status, :rev) on conflict (goal_id) do update set"
            + " title = excluded.title, status = excluded.status, revision = excluded.revision"
            + " where coach_goals.revision < excluded.revision and not coach_goals.deleted";

    private static final String INSERT_HABIT = "insert into coach_habits (habit_id, goal_id, member_id, title,"
            + " schedule_type, days, times_per_week, every_n_days, start_date, target_value, target_unit,"
            + " target_direction, active) values (:habit, :goal, :member, :title, :type,"
            + " cast(cast(:days as text) as smallint[]), :n, :every, :start, :target, :unit, :direction, :active)";

    /**
     * A poll's check-ins, one row each ({@link #checkins} keeps one per check-in): a logged or corrected one sets the row
     * (and lifts a retraction), a retraction marks it; a row moves only to a later revision.
     */
    private static final String COPY_CHECKINS = "insert into coach_checkins (checkin_id, member_id, habit_id,"
            + " local_date, status, revision, retracted) select * from unnest(cast($1 as uuid[]), cast($2 as"
            + " uuid[]), cast($3 as uuid[]), cast($4 as date[]), cast($5 as text[]), cast($6 as bigint[]), cast($7"
            + " as boolean[])) on conflict (checkin_id) do update set status = case when excluded.retracted then"
            + " coach_checkins.status else excluded.status end, local_date = case when excluded.retracted then"
            + " coach_checkins.local_date else excluded.local_date end, revision = excluded.revision, retracted ="
            + " excluded.retracted where coach_checkins.revision < excluded.revision";

    /** A check-in as the copy keeps it; a retraction's status is a placeholder, used only for a row not seen yet. */
    public record CheckinCopy(
            UUID checkinId,
            UUID memberId,
            UUID habitId,
            LocalDate localDate,
            String status,
            long revision,
            boolean retracted) {

        public static CheckinCopy of(CheckinRecorded c) {
            return new CheckinCopy(
                    c.checkinId(), c.memberId(), c.habitId(), c.localDate(), c.status(), c.revision(), false);
        }

        public static CheckinCopy of(CheckinRetracted c) {
            return new CheckinCopy(
                    c.checkinId(), c.memberId(), c.habitId(), c.localDate(), "MISSED", c.revision(), true);
        }
    }

    private final Pool pool;

    public GoalProjection(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> goal(GoalSnapshot g) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(UPSERT_GOAL)
                        .setParameter("goal", g.goalId())
                        .setParameter("member", g.memberId())
                        .setParameter("title", g.title())
                        .setParameter("status", g.status())
                        .setParameter("rev", g.revision())
                        .executeUpdate()
                        .chain(changed -> {
                            if (changed == 0) {
                                return Uni.createFrom().voidItem();
                            }
                            Uni<Integer> chain = s.createNativeQuery("delete from coach_habits where goal_id = :goal")
                                    .setParameter("goal", g.goalId())
                                    .executeUpdate();
                            for (var h : g.habits()) {
                                chain = chain.chain(() -> s.createNativeQuery(INSERT_HABIT)
                                        .setParameter("habit", h.habitId())
                                        .setParameter("goal", g.goalId())
                                        .setParameter("member", g.memberId())
                                        .setParameter("title", h.title())
                                        .setParameter("type", h.scheduleType())
                                        .setParameter("days", days(h))
                                        .setParameter("n", h.timesPerWeek())
                                        .setParameter("every", h.everyNDays())
                                        .setParameter("start", h.startDate())
                                        .setParameter("target", h.targetValue())
                                        .setParameter("unit", h.targetUnit())
                                        .setParameter("direction", h.targetDirection())
                                        .setParameter("active", h.active())
                                        .executeUpdate());
                            }
                            return chain.replaceWithVoid();
                        }));
    }

    public Uni<Void> goalDeleted(GoalDeleted d) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into coach_goals (goal_id, member_id,"
                                + " title, status, revision, deleted) values (:goal, :member, '', 'DELETED', :rev, true)"
                                + " on conflict (goal_id) do update set deleted = true, revision = excluded.revision")
                        .setParameter("goal", d.goalId())
                        .setParameter("member", d.memberId())
                        .setParameter("rev", d.revision())
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery("delete from coach_checkins where habit_id in"
                                        + " (select habit_id from coach_habits where goal_id = :goal)")
                                .setParameter("goal", d.goalId())
                                .executeUpdate())
                        .chain(() -> s.createNativeQuery("delete from coach_habits where goal_id = :goal")
                                .setParameter("goal", d.goalId())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * Writes {@code copies} with one statement, on its own (not in a caller's transaction): of two copies of one
     * check-in, the later revision (the later one of a poll when equal).
     */
    public Uni<Void> checkins(List<CheckinCopy> copies) {
        var latest = new LinkedHashMap<UUID, CheckinCopy>();
        for (var c : copies) {
            latest.merge(c.checkinId(), c, (held, next) -> next.revision() >= held.revision() ? next : held);
        }
        var rows = List.copyOf(latest.values());
        var args = Tuple.tuple()
                .addArrayOfUUID(rows.stream().map(CheckinCopy::checkinId).toArray(UUID[]::new))
                .addArrayOfUUID(rows.stream().map(CheckinCopy::memberId).toArray(UUID[]::new))
                .addArrayOfUUID(rows.stream().map(CheckinCopy::habitId).toArray(UUID[]::new))
                .addArrayOfLocalDate(rows.stream().map(CheckinCopy::localDate).toArray(LocalDate[]::new))
                .addArrayOfString(rows.stream().map(CheckinCopy::status).toArray(String[]::new))
                .addArrayOfLong(rows.stream().map(CheckinCopy::revision).toArray(Long[]::new))
                .addArrayOfBoolean(rows.stream().map(CheckinCopy::retracted).toArray(Boolean[]::new));
        return pool.preparedQuery(COPY_CHECKINS).execute(args).replaceWithVoid();
    }

    /** Drops check-ins older than {@link #KEEP_DAYS} before {@code today}. */
    public Uni<Integer> prune(LocalDate today) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("delete from coach_checkins where local_date < :d")
                        .setParameter("d", today.minusDays(KEEP_DAYS))
                        .executeUpdate());
    }

    private static String days(GoalSnapshot.Habit h) {
        if (h.days() == null || h.days().isEmpty()) {
            return null;
        }
        return "{"
                + String.join(
                        ",",
                        h.days().stream()
                                .map(d -> String.valueOf(DayOfWeek.valueOf(d).getValue()))
                                .toList())
                + "}";
    }
}
