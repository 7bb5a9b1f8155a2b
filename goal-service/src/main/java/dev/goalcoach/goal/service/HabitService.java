package dev.goalcoach.goal.service;

import dev.goalcoach.goal.Goal;
import dev.goalcoach.goal.Habit;
import dev.goalcoach.goal.MemberCalendar;
import dev.goalcoach.goal.Schedule;
import dev.goalcoach.goal.Subgoal;
import dev.goalcoach.goal.api.GoalDtos.GoalView;
import dev.goalcoach.goal.api.GoalDtos.HabitRequest;
import dev.goalcoach.goal.api.GoalDtos.HabitUpdate;
import dev.goalcoach.goal.api.GoalDtos.SubgoalRequest;
import dev.goalcoach.goal.api.GoalDtos.SubgoalUpdate;
import dev.goalcoach.goal.messaging.GoalEvents;
import dev.goalcoach.goal.repository.PlanRepository;
import dev.goalcoach.kit.db.Transactions;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Editing a plan by hand: adding and changing habits and subgoals. Every change is a {@code goal.updated} with the
 * whole plan; a goal whose plan the member edits keeps its plan status (the AI's plan, now adjusted).
 */
@ApplicationScoped
public class HabitService {

    private final GoalService goals;
    private final PlanRepository plans;
    private final MemberAccess access;
    private final GoalEvents events;
    private final Clock clock;

    public HabitService(GoalService goals, PlanRepository plans, MemberAccess access, GoalEvents events, Clock clock) {
        this.goals = goals;
        this.plans = plans;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    public Uni<GoalView> addHabit(Caller caller, UUID goalId, HabitRequest r) {
        Instant now = clock.instant();
        return Transactions.retryingConflicts(() -> goals.writable(caller, goalId)
                .chain(g -> access.readable(caller, g.memberId, "goal")
                        // a habit without a start date starts today, the member's today
                        .map(owner -> MemberCalendar.today(ZoneId.of(owner.timezone()), now))
                        .chain(today -> plans.habits(g.id).chain(habits -> {
                            if (habits.size() >= 20) {
                                throw ProblemException.conflict("a goal has at most 20 habits");
                            }
                            var h = GoalService.habits(g, List.of(r), today).get(0);
                            h.position = habits.size();
                            h.createdAt = now;
                            habits.add(h);
                            return plans.persist(h).chain(() -> published(g, habits));
                        }))));
    }

    public Uni<GoalView> updateHabit(Caller caller, UUID habitId, HabitUpdate r) {
        return Transactions.retryingConflicts(() -> plans.habit(habitId).chain(h -> {
            if (h == null) {
                return Uni.createFrom().failure(ProblemException.notFound("habit"));
            }
            return goals.writable(caller, h.goalId).chain(g -> {
                if (r.title() != null) {
                    h.title = r.title().strip();
                }
                if (r.schedule() != null) {
                    try {
                        var spec = r.schedule();
                        h.schedule(Schedule.of(spec.type(), spec.days(), spec.timesPerWeek(), spec.everyNDays()));
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.invalidField("schedule", e.getMessage());
                    }
                }
                if (r.target() != null) {
                    h.targetValue = r.target().value();
                    h.targetUnit = r.target().unit();
                    h.targetDirection = r.target().direction() == null
                            ? Habit.Direction.AT_LEAST
                            : r.target().direction();
                }
                if (r.reminderTimes() != null) {
                    h.reminderTimes(
                            r.reminderTimes().stream().map(LocalTime::parse).toList());
                }
                if (r.active() != null) {
                    h.active = r.active();
                }
                return plans.habits(g.id).chain(habits -> published(g, habits));
            });
        }));
    }

    public Uni<GoalView> addSubgoal(Caller caller, UUID goalId, SubgoalRequest r) {
        return Transactions.retryingConflicts(() -> goals.writable(caller, goalId)
                .chain(g -> plans.subgoals(g.id).chain(subgoals -> {
                    if (subgoals.size() >= 50) {
                        throw ProblemException.conflict("a goal has at most 50 subgoals");
                    }
                    var s = new Subgoal();
                    s.id = UUID.randomUUID();
                    s.goalId = g.id;
                    s.position = subgoals.size();
                    s.title = r.title().strip();
                    s.dueDate = r.dueDate();
                    return plans.persist(s).chain(() -> plans.habits(g.id)).chain(habits -> published(g, habits));
                })));
    }

    public Uni<GoalView> updateSubgoal(Caller caller, UUID goalId, UUID subgoalId, SubgoalUpdate r) {
        return Transactions.retryingConflicts(() -> goals.writable(caller, goalId)
                .chain(g -> plans.subgoal(subgoalId).chain(sub -> {
                    if (sub == null || !sub.goalId.equals(g.id)) {
                        return Uni.createFrom().failure(ProblemException.notFound("subgoal"));
                    }
                    if (r.title() != null) {
                        sub.title = r.title().strip();
                    }
                    if (r.dueDate() != null) {
                        sub.dueDate = r.dueDate();
                    }
                    if (r.done() != null) {
                        sub.done = r.done();
                    }
                    return plans.habits(g.id).chain(habits -> published(g, habits));
                })));
    }

    /** Publishes the goal with its whole plan as it now stands and answers it. */
    private Uni<GoalView> published(Goal g, List<Habit> habits) {
        g.touch(clock.instant());
        return plans.flush()
                .chain(() -> plans.subgoals(g.id))
                .chain(subgoals ->
                        events.goalUpdated(g, subgoals, habits).map(v -> GoalService.view(g, subgoals, habits)));
    }
}
