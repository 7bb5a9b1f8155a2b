package dev.goalcoach.goal.service;

import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.goal.Goal;
import dev.goalcoach.goal.Habit;
import dev.goalcoach.goal.MemberCalendar;
import dev.goalcoach.goal.PlanStatus;
import dev.goalcoach.goal.Schedule;
import dev.goalcoach.goal.Subgoal;
import dev.goalcoach.goal.api.GoalDtos.HabitRequest;
import dev.goalcoach.goal.api.GoalDtos.ScheduleSpec;
import dev.goalcoach.goal.api.GoalDtos.Target;
import dev.goalcoach.goal.messaging.GoalEvents;
import dev.goalcoach.goal.repository.GoalRepository;
import dev.goalcoach.goal.repository.PlanRepository;
import dev.goalcoach.kit.inbox.Inbox;
import dev.goalcoach.kit.members.MemberDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns coach-service's {@code plan.generated} into the goal's subgoals and habits. Only a goal still waiting for
 * its plan (PENDING) takes one: a member's own (MANUAL) plan is never overwritten, and a second plan for the
 * same goal is ignored.
 */
@ApplicationScoped
public class PlanService {

    private static final Logger LOG = Logger.getLogger(PlanService.class);
    static final String CONSUMER = "coach-plans";

    private final GoalRepository goals;
    private final PlanRepository plans;
    private final MemberDirectory directory;
    private final GoalEvents events;
    private final Inbox inbox;
    private final Clock clock;

    public PlanService(
            GoalRepository goals,
            PlanRepository plans,
            MemberDirectory directory,
            GoalEvents events,
            Inbox inbox,
            Clock clock) {
        this.goals = goals;
        this.plans = plans;
        this.directory = directory;
        this.events = events;
        this.inbox = inbox;
        this.clock = clock;
    }

    /** Applies one plan, once per event id, in a transaction of its own. {@code rawJson} is kept as the AI plan. */
    public Uni<Void> apply(UUID eventId, PlanGenerated plan, String rawJson) {
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().voidItem();
                    }
                    return goals.findById(plan.goalId()).chain(goal -> {
                        if (goal == null || !goal.memberId.equals(plan.memberId())) {
                            LOG.infof("plan for goal %s ignored: no such goal of that member", plan.goalId());
                            return Uni.createFrom().voidItem();
                        }
                        if (goal.planStatus != PlanStatus.PENDING) {
                            LOG.infof("plan for goal %s ignored: its plan is %s", goal.id, goal.planStatus);
                            return Uni.createFrom().voidItem();
                        }
                        return directory
                                .find(goal.memberId)
                                .chain(member -> adopt(
                                        goal,
                                        plan,
                                        rawJson,
                                        member.map(m -> ZoneId.of(m.timezone())).orElse(ZoneId.of("UTC"))));
                    });
                }));
    }

    private Uni<Void> adopt(Goal goal, PlanGenerated plan, String rawJson, ZoneId zone) {
        var now = clock.instant();
        var today = MemberCalendar.today(zone, now);
        // the same validation as a member's own plan: an invalid plan fails here and goes to the dead-letter topic
        List<Habit> habits = GoalService.habits(
                goal, plan.habits().stream().map(PlanService::request).toList(), today);
        habits.forEach(h -> h.createdAt = now);
        var subgoals = new ArrayList<Subgoal>();
        for (int i = 0; i < plan.subgoals().size(); i++) {
            var s = new Subgoal();
            s.id = UUID.randomUUID();
            s.goalId = goal.id;
            s.position = i;
            s.title = plan.subgoals().get(i).title();
            s.dueDate = plan.subgoals().get(i).dueDate();
            subgoals.add(s);
        }
        goal.planStatus = "FALLBACK".equals(plan.outcome()) ? PlanStatus.FALLBACK : PlanStatus.READY;
        goal.aiPlan = rawJson;
        goal.touch(now);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Object e : subgoals) {
            chain = chain.chain(() -> plans.persist(e));
        }
        for (Object e : habits) {
            chain = chain.chain(() -> plans.persist(e));
        }
        return chain.chain(() -> events.goalUpdated(goal, subgoals, habits));
    }

    /** One planned habit as a habit of {@code goal} at {@code position}, validated like a member's own. */
    static Habit habitFrom(Goal goal, PlanGenerated.PlannedHabit planned, int position, Instant now, LocalDate today) {
        var h = GoalService.habits(goal, List.of(request(planned)), today).get(0);
        h.position = position;
        h.createdAt = now;
        return h;
    }

    static HabitRequest request(PlanGenerated.PlannedHabit h) {
        var days = h.days() == null
                ? null
                : h.days().stream()
                        .map(DayOfWeek::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
        return new HabitRequest(
                h.title(),
                new ScheduleSpec(Schedule.Type.valueOf(h.scheduleType()), days, h.timesPerWeek(), h.everyNDays()),
                h.startDate(),
                h.targetValue() == null
                        ? null
                        : new Target(
                                h.targetValue(),
                                h.targetUnit(),
                                h.targetDirection() == null ? null : Habit.Direction.valueOf(h.targetDirection())),
                h.reminderTimes());
    }
}
