package dev.goalcoach.goal.service;

import static dev.goalcoach.kit.problem.ProblemException.invalidField;

import dev.goalcoach.goal.Goal;
import dev.goalcoach.goal.GoalStatus;
import dev.goalcoach.goal.Habit;
import dev.goalcoach.goal.MemberCalendar;
import dev.goalcoach.goal.PlanStatus;
import dev.goalcoach.goal.Schedule;
import dev.goalcoach.goal.Subgoal;
import dev.goalcoach.goal.api.GoalDtos.Constraints;
import dev.goalcoach.goal.api.GoalDtos.GoalRequest;
import dev.goalcoach.goal.api.GoalDtos.GoalUpdate;
import dev.goalcoach.goal.api.GoalDtos.GoalView;
import dev.goalcoach.goal.api.GoalDtos.HabitRequest;
import dev.goalcoach.goal.api.GoalDtos.HabitView;
import dev.goalcoach.goal.api.GoalDtos.ScheduleSpec;
import dev.goalcoach.goal.api.GoalDtos.SubgoalView;
import dev.goalcoach.goal.api.GoalDtos.Target;
import dev.goalcoach.goal.messaging.GoalEvents;
import dev.goalcoach.goal.repository.GoalRepository;
import dev.goalcoach.goal.repository.PlanRepository;
import dev.goalcoach.kit.db.Transactions;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.rest.Revisions;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Goals and their plans: creation (manual or awaiting the AI), reads by whoever may see them, edits, deletion. */
@ApplicationScoped
public class GoalService {

    private final GoalRepository goals;
    private final PlanRepository plans;
    private final MemberAccess access;
    private final GoalEvents events;
    private final Clock clock;

    public GoalService(
            GoalRepository goals, PlanRepository plans, MemberAccess access, GoalEvents events, Clock clock) {
        this.goals = goals;
        this.plans = plans;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<GoalView> create(Caller caller, GoalRequest r) {
        UUID ownerId = r.memberId() == null ? caller.id() : r.memberId();
        if (!AccessPolicy.mayWrite(caller, ownerId)) {
            throw ProblemException.forbidden("members create their own goals");
        }
        var owner = caller.is(ownerId) ? access.self(caller) : access.readable(caller, ownerId, "member");
        return owner.chain(known -> {
            var now = clock.instant();
            var g = new Goal();
            g.id = UUID.randomUUID();
            g.memberId = ownerId;
            g.title = r.title().strip();
            g.description = r.description();
            g.theme = r.theme();
            applyConstraints(g, r.constraints());
            g.targetDate = r.targetDate();
            g.status = GoalStatus.ACTIVE;
            boolean manual = r.habits() != null && !r.habits().isEmpty();
            g.planStatus = manual ? PlanStatus.MANUAL : PlanStatus.PENDING;
            g.revision = 1;
            g.createdAt = now;
            g.updatedAt = now;
            List<Subgoal> subgoals = subgoals(g.id, r);
            // a habit without a start date starts today, the member's today
            var today = MemberCalendar.today(ZoneId.of(known.timezone()), now);
            List<Habit> habits = habits(g, r.habits(), today);
            return goals.persist(g)
                    .chain(() -> persistAll(subgoals))
                    .chain(() -> persistAll(habits))
                    .chain(() -> events.goalCreated(g, subgoals, habits))
                    .map(v -> view(g, subgoals, habits));
        });
    }

    @WithSession
    public Uni<GoalView> get(Caller caller, UUID goalId) {
        return readable(caller, goalId).chain(this::withPlan);
    }

    @WithSession
    public Uni<PageView<GoalView>> ofMember(Caller caller, UUID memberId, int page, int size) {
        return access.readable(caller, memberId, "member")
                .chain(owner -> goals.ofMember(memberId, page, size))
                .chain(list -> withPlans(list))
                .chain(views -> {
                    var known = PageView.knownTotal(page, size, views.size());
                    return known.isPresent()
                            ? Uni.createFrom().item(new PageView<>(views, page, size, known.getAsLong()))
                            : goals.countOfMember(memberId).map(total -> new PageView<>(views, page, size, total));
                });
    }

    /** Changes a goal's own fields; {@code ifMatch}: the revision the client read (412 when it changed since). */
    public Uni<GoalView> update(Caller caller, UUID goalId, GoalUpdate r, Revisions.IfMatch ifMatch) {
        return Transactions.retryingConflicts(() -> writable(caller, goalId).chain(g -> {
            ifMatch.check(g.revision, "the goal");
            boolean changed = false;
            if (r.title() != null && !r.title().isBlank() && !r.title().strip().equals(g.title)) {
                g.title = r.title().strip();
                changed = true;
            }
            if (r.description() != null && !r.description().equals(g.description)) {
                g.description = r.description();
                changed = true;
            }
            if (r.theme() != null && r.theme() != g.theme) {
                g.theme = r.theme();
                changed = true;
            }
            if (r.constraints() != null) {
                applyConstraints(g, r.constraints());
                changed = true;
            }
            if (r.targetDate() != null && !r.targetDate().equals(g.targetDate)) {
                g.targetDate = r.targetDate();
                changed = true;
            }
            if (r.status() != null && r.status() != g.status) {
                g.status = r.status();
                changed = true;
            }
            if (!changed) {
                return withPlan(g);
            }
            g.touch(clock.instant());
            return plans.subgoals(g.id)
                    .chain(subgoals -> plans.habits(g.id)
                            .call(habits -> events.goalUpdated(g, subgoals, habits))
                            .map(habits -> view(g, subgoals, habits)));
        }));
    }

    public Uni<Void> delete(Caller caller, UUID goalId) {
        return Transactions.retryingConflicts(() -> writable(caller, goalId)
                .chain(g -> events.goalDeleted(g, clock.instant()).chain(() -> goals.delete(g))));
    }

    /** The goal, if the caller may read it (its member, their mentor, an admin); otherwise 404. */
    Uni<Goal> readable(Caller caller, UUID goalId) {
        return goals.findById(goalId).chain(g -> {
            if (g == null) {
                return Uni.createFrom().failure(ProblemException.notFound("goal"));
            }
            return access.readable(caller, g.memberId, "goal").replaceWith(g);
        });
    }

    /** The goal, if the caller may change it; a mentor who can read it gets 403, anyone else 404. */
    Uni<Goal> writable(Caller caller, UUID goalId) {
        return readable(caller, goalId).map(g -> {
            if (!AccessPolicy.mayWrite(caller, g.memberId)) {
                throw ProblemException.forbidden("a mentor reads a mentee's goals but does not change them");
            }
            return g;
        });
    }

    /** A page of goals with their plans: two queries for the whole page, not two per goal. */
    private Uni<List<GoalView>> withPlans(List<Goal> page) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        var ids = page.stream().map(g -> g.id).toList();
        return plans.subgoalsOf(ids)
                .chain(subgoals -> plans.habitsOf(ids)
                        .map(habits -> page.stream()
                                .map(g -> view(
                                        g,
                                        subgoals.stream()
                                                .filter(s -> s.goalId.equals(g.id))
                                                .toList(),
                                        habits.stream()
                                                .filter(h -> h.goalId.equals(g.id))
                                                .toList()))
                                .toList()));
    }

    private Uni<GoalView> withPlan(Goal g) {
        return plans.subgoals(g.id).chain(subgoals -> plans.habits(g.id).map(habits -> view(g, subgoals, habits)));
    }

    private Uni<Void> persistAll(List<?> entities) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Object e : entities) {
            chain = chain.chain(() -> plans.persist(e));
        }
        return chain;
    }

    private static void applyConstraints(Goal g, Constraints c) {
        if (c == null) {
            return;
        }
        g.minutesPerWeek = c.minutesPerWeek();
        g.unavailableDays(c.unavailableDays());
    }

    private static List<Subgoal> subgoals(UUID goalId, GoalRequest r) {
        var list = new ArrayList<Subgoal>();
        if (r.subgoals() == null) {
            return list;
        }
        for (int i = 0; i < r.subgoals().size(); i++) {
            var s = new Subgoal();
            s.id = UUID.randomUUID();
            s.goalId = goalId;
            s.position = i;
            s.title = r.subgoals().get(i).title().strip();
            s.dueDate = r.subgoals().get(i).dueDate();
            list.add(s);
        }
        return list;
    }

    /** Validated habits; {@code fallbackStart} is used when a habit names no start date. */
    static List<Habit> habits(Goal g, List<HabitRequest> requests, LocalDate fallbackStart) {
        var list = new ArrayList<Habit>();
        if (requests == null) {
            return list;
        }
        for (int i = 0; i < requests.size(); i++) {
            var r = requests.get(i);
            String at = "habits[" + i + "]";
            Schedule schedule;
            try {
                var spec = r.schedule();
                schedule = Schedule.of(spec.type(), spec.days(), spec.timesPerWeek(), spec.everyNDays());
            } catch (IllegalArgumentException e) {
                throw invalidField(at + ".schedule", e.getMessage());
            }
            var h = new Habit();
            h.id = UUID.randomUUID();
            h.goalId = g.id;
            h.memberId = g.memberId;
            h.position = i;
            h.title = r.title().strip();
            h.schedule(schedule);
            h.startDate = r.startDate() == null ? fallbackStart : r.startDate();
            if (r.target() != null) {
                h.targetValue = r.target().value();
                h.targetUnit = r.target().unit();
                h.targetDirection = r.target().direction() == null
                        ? Habit.Direction.AT_LEAST
                        : r.target().direction();
            }
            h.reminderTimes(
                    r.reminderTimes() == null
                            ? null
                            : r.reminderTimes().stream().map(LocalTime::parse).toList());
            h.active = true;
            h.createdAt = g.createdAt;
            list.add(h);
        }
        return list;
    }

    static GoalView view(Goal g, List<Subgoal> subgoals, List<Habit> habits) {
        return new GoalView(
                g.id,
                g.memberId,
                g.title,
                g.description,
                g.theme,
                g.minutesPerWeek == null && g.unavailableDays().isEmpty()
                        ? null
                        : new Constraints(g.minutesPerWeek, g.unavailableDays()),
                g.targetDate,
                g.status,
                g.planStatus,
                subgoals.stream()
                        .map(s -> new SubgoalView(s.id, s.position, s.title, s.dueDate, s.done))
                        .toList(),
                habits.stream().map(GoalService::habitView).toList(),
                g.createdAt,
                g.updatedAt,
                g.revision);
    }

    static HabitView habitView(Habit h) {
        var s = h.schedule();
        return new HabitView(
                h.id,
                h.title,
                new ScheduleSpec(s.type(), s.days(), s.timesPerWeek(), s.everyNDays()),
                h.startDate,
                h.measurable() ? new Target(h.targetValue, h.targetUnit, h.targetDirection) : null,
                h.reminderTimes().stream().map(LocalTime::toString).toList(),
                h.active);
    }
}
