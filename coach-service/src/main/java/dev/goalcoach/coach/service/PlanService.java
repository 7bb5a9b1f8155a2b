package dev.goalcoach.coach.service;

import dev.goalcoach.clock.MemberZone;
import dev.goalcoach.coach.GeneratedPlan;
import dev.goalcoach.coach.Plan;
import dev.goalcoach.coach.PlanRequest;
import dev.goalcoach.coach.ai.Planner;
import dev.goalcoach.coach.repository.GeneratedPlans;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.GoalSnapshot;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.kit.ai.MemberBudget;
import dev.goalcoach.kit.inbox.Inbox;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Plans for new goals: a goal created without a plan ({@code goal.created}, plan PENDING) gets one, published as
 * {@code plan.generated} through the outbox. Once per goal: a redelivered event, or a second event for the same
 * goal, finds the plan made and publishes nothing new. The model is asked outside any transaction (it takes
 * seconds); the plan, its event and the inbox row then commit together. A member whose AI budget for the day is
 * spent gets the offline plan (FALLBACK) without the model being asked.
 */
@ApplicationScoped
public class PlanService {

    private static final Logger LOG = Logger.getLogger(PlanService.class);
    static final String CONSUMER = "goal-plans";
    public static final String PURPOSE = "plan";

    private final Planner planner;
    private final MemberBudget budget;
    private final MemberDirectory directory;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Clock clock;
    private final Vertx vertx;
    private final GeneratedPlans plans;

    public PlanService(
            Planner planner,
            MemberBudget budget,
            MemberDirectory directory,
            Outbox outbox,
            Inbox inbox,
            Clock clock,
            Vertx vertx,
            GeneratedPlans plans) {
        this.planner = planner;
        this.budget = budget;
        this.directory = directory;
        this.outbox = outbox;
        this.inbox = inbox;
        this.clock = clock;
        this.vertx = vertx;
        this.plans = plans;
    }

    /** Plans the goal of one {@code goal.created} event unless it has a plan already. */
    public Uni<Void> planFor(UUID eventId, GoalSnapshot goal) {
        if (!"PENDING".equals(goal.planStatus())) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> plans.find(goal.goalId())
                        .chain(existing -> existing != null
                                ? Uni.createFrom().item((LocalDate) null)
                                : directory
                                        .find(goal.memberId())
                                        .map(m -> MemberZone.today(
                                                clock,
                                                m.map(MemberDirectory.Entry::timezone)
                                                        .orElse(null)))))
                .chain(today -> {
                    if (today == null) {
                        LOG.debugf("goal %s already has its plan", goal.goalId());
                        return Uni.createFrom().voidItem();
                    }
                    var request = request(goal, today);
                    return vertx.executeBlocking(Uni.createFrom()
                                    .item(() -> budget.hasTokensLeft(goal.memberId())
                                            ? planner.plan(request, goal.memberId(), PURPOSE)
                                            : planner.offline(request, "the member's AI budget for today is spent")))
                            .chain(made -> store(eventId, goal, today, made));
                });
    }

    private Uni<Void> store(UUID eventId, GoalSnapshot goal, LocalDate today, Planner.Made made) {
        var event = event(goal.goalId(), goal.memberId(), today, made, clock.instant());
        var row = new GeneratedPlan();
        row.goalId = goal.goalId();
        row.memberId = goal.memberId();
        row.outcome = made.outcome();
        row.provider = made.provider();
        row.model = made.model();
        row.plan = new String(EventJson.write(event), StandardCharsets.UTF_8);
        row.createdAt = event.generatedAt();
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> first
                        ? directory.erased(goal.memberId()).map(erased -> !erased)
                        : Uni.createFrom().item(false))
                .chain(store -> !store
                        ? Uni.createFrom().voidItem()
                        : plans.insertIfAbsent(row)
                                .chain(inserted -> inserted == 0
                                        ? Uni.createFrom().voidItem()
                                        : outbox.append(
                                                        EventCatalog.PLAN_GENERATED,
                                                        goal.memberId(),
                                                        event,
                                                        event.generatedAt())
                                                .replaceWithVoid())));
    }

    static PlanRequest request(GoalSnapshot goal, LocalDate today) {
        return new PlanRequest(
                goal.title(),
                goal.description(),
                goal.theme(),
                goal.minutesPerWeek(),
                goal.unavailableDays() == null
                        ? EnumSet.noneOf(DayOfWeek.class)
                        : goal.unavailableDays().stream()
                                .map(DayOfWeek::valueOf)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class))),
                goal.targetDate(),
                today);
    }

    /**
     * The plan as {@code plan.generated} data. A timed habit without a target of its own gets its minutes as the
     * target (AT_LEAST n minutes), so the budget the plan was made for stays visible on the habit.
     */
    public static PlanGenerated event(UUID goalId, UUID memberId, LocalDate today, Planner.Made made, Instant at) {
        Plan plan = made.plan();
        return new PlanGenerated(
                goalId,
                memberId,
                made.outcome(),
                made.provider(),
                made.model(),
                plan.rationale(),
                plan.subgoals().stream()
                        .map(s -> new PlanGenerated.PlannedSubgoal(s.title(), s.dueDate()))
                        .toList(),
                plan.habits().stream().map(h -> habit(h, today)).toList(),
                at);
    }

    private static PlanGenerated.PlannedHabit habit(Plan.Habit h, LocalDate today) {
        boolean minutesAsTarget = h.targetValue() == null && h.minutesPerSession() != null;
        return new PlanGenerated.PlannedHabit(
                h.title(),
                h.scheduleType(),
                h.days() == null
                        ? null
                        : h.days().stream().sorted().map(DayOfWeek::name).toList(),
                h.timesPerWeek(),
                h.everyNDays(),
                today,
                minutesAsTarget ? BigDecimal.valueOf(h.minutesPerSession()) : h.targetValue(),
                minutesAsTarget ? "minutes" : h.targetUnit(),
                minutesAsTarget ? "AT_LEAST" : h.targetDirection(),
                null);
    }
}
