package dev.goalcoach.coach.repository;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.CheckinRetracted;
import dev.goalcoach.events.GoalDeleted;
import dev.goalcoach.events.GoalSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The coach's own copy of what its scheduled work needs from goal-service: goals, habits and recent check-ins,
 * kept from events. Idempotent and order-safe by revision: a redelivered or older event changes nothing.
 * Each method runs in the caller's transaction.
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

    private static final String UPSERT_CHECKIN = "insert into coach_checkins (checkin_id, member_id, habit_id,"
            + " local_date, status, revision) values (:id, :member, :habit, :date, :status, :rev)"
            + " on conflict (checkin_id) do update set status = excluded.status, local_date = excluded.local_date,"
            + " revision = excluded.revision, retracted = false where coach_checkins.revision < excluded.revision";

    private static final String RETRACT = "insert into coach_checkins (checkin_id, member_id, habit_id, local_date,"
            + " status, revision, retracted) values (:id, :member, :habit, :date, 'MISSED', :rev, true)"
            + " on conflict (checkin_id) do update set retracted = true, revision = excluded.revision"
            + " where coach_checkins.revision < excluded.revision";

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

    public Uni<Void> checkin(CheckinRecorded c) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(UPSERT_CHECKIN)
                        .setParameter("id", c.checkinId())
                        .setParameter("member", c.memberId())
                        .setParameter("habit", c.habitId())
                        .setParameter("date", c.localDate())
                        .setParameter("status", c.status())
                        .setParameter("rev", c.revision())
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> retracted(CheckinRetracted c) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(RETRACT)
                        .setParameter("id", c.checkinId())
                        .setParameter("member", c.memberId())
                        .setParameter("habit", c.habitId())
                        .setParameter("date", c.localDate())
                        .setParameter("rev", c.revision())
                        .executeUpdate())
                .replaceWithVoid();
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
