package dev.goalcoach.goal.service;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.SuggestionProposed;
import dev.goalcoach.goal.Goal;
import dev.goalcoach.goal.Habit;
import dev.goalcoach.goal.MemberCalendar;
import dev.goalcoach.goal.PlanSuggestion;
import dev.goalcoach.goal.Schedule;
import dev.goalcoach.goal.api.GoalDtos.SuggestionView;
import dev.goalcoach.goal.messaging.GoalEvents;
import dev.goalcoach.goal.repository.GoalRepository;
import dev.goalcoach.goal.repository.PlanRepository;
import dev.goalcoach.goal.repository.SuggestionRepository;
import dev.goalcoach.kit.db.Transactions;
import dev.goalcoach.kit.inbox.Inbox;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The plan-suggestion inbox: coach-service proposes, the member or their mentor accepts (the change is applied
 * to the plan and published as goal.updated) or rejects; both decisions are kept and published.
 */
@ApplicationScoped
public class SuggestionService {

    static final String CONSUMER = "plan-suggestions";

    private final GoalRepository goals;
    private final PlanRepository plans;
    private final MemberAccess access;
    private final GoalEvents events;
    private final Inbox inbox;
    private final Clock clock;
    private final SuggestionRepository suggestions;

    public SuggestionService(
            GoalRepository goals,
            PlanRepository plans,
            MemberAccess access,
            GoalEvents events,
            Inbox inbox,
            Clock clock,
            SuggestionRepository suggestions) {
        this.goals = goals;
        this.plans = plans;
        this.access = access;
        this.events = events;
        this.inbox = inbox;
        this.clock = clock;
        this.suggestions = suggestions;
    }

    /** Files a proposal from coach-service, once; proposals for unknown goals are dropped. */
    public Uni<Void> received(UUID eventId, SuggestionProposed p) {
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().voidItem();
                    }
                    return goals.findById(p.goalId()).chain(goal -> {
                        if (goal == null || !goal.memberId.equals(p.memberId())) {
                            return Uni.createFrom().voidItem();
                        }
                        var s = new PlanSuggestion();
                        s.id = p.suggestionId();
                        s.goalId = p.goalId();
                        s.memberId = p.memberId();
                        s.kind = p.kind();
                        s.proposal = new String(EventJson.write(p), StandardCharsets.UTF_8);
                        s.reason = p.reason();
                        s.status = PlanSuggestion.Status.PROPOSED;
                        s.createdAt = clock.instant();
                        return suggestions.persistIfAbsent(s);
                    });
                }));
    }

    /** A goal's suggestions, newest first; {@code status}: only those in it, or all when null. */
    @WithSession
    public Uni<List<SuggestionView>> ofGoal(Caller caller, UUID goalId, PlanSuggestion.Status status) {
        return goals.findById(goalId).chain(goal -> {
            if (goal == null) {
                return Uni.createFrom().failure(ProblemException.notFound("goal"));
            }
            return access.readable(caller, goal.memberId, "goal")
                    .chain(owner -> suggestions.ofGoal(goalId, status))
                    .map(list -> list.stream().map(SuggestionService::view).toList());
        });
    }

    /** A member's suggestions on all their goals, the newest {@code limit}; {@code status} as above. */
    @WithSession
    public Uni<List<SuggestionView>> ofMember(Caller caller, UUID memberId, PlanSuggestion.Status status, int limit) {
        return access.readable(caller, memberId, "member")
                .chain(owner -> suggestions.ofMember(memberId, status, limit))
                .map(list -> list.stream().map(SuggestionService::view).toList());
    }

    public Uni<SuggestionView> accept(Caller caller, UUID suggestionId, String note) {
        return Transactions.retryingConflicts(() -> decidable(caller, suggestionId)
                .chain(s -> access.readable(caller, s.memberId, "suggestion")
                        .chain(owner -> goals.findById(s.goalId)
                                .chain(goal -> apply(goal, s, ZoneId.of(owner.timezone())))
                                .chain(() -> decide(caller, s, PlanSuggestion.Status.ACCEPTED, note)))));
    }

    @WithTransaction
    public Uni<SuggestionView> reject(Caller caller, UUID suggestionId, String note) {
        return decidable(caller, suggestionId).chain(s -> decide(caller, s, PlanSuggestion.Status.REJECTED, note));
    }

    /** A proposal the caller may decide: the member, their mentor or an admin; still open. */
    private Uni<PlanSuggestion> decidable(Caller caller, UUID suggestionId) {
        return suggestions.find(suggestionId).chain(s -> {
            if (s == null) {
                return Uni.createFrom().failure(ProblemException.notFound("suggestion"));
            }
            return access.readable(caller, s.memberId, "suggestion").map(owner -> {
                if (s.status != PlanSuggestion.Status.PROPOSED) {
                    throw ProblemException.conflict(
                            "this suggestion was already " + s.status.name().toLowerCase());
                }
                return s;
            });
        });
    }

    private Uni<SuggestionView> decide(Caller caller, PlanSuggestion s, PlanSuggestion.Status decision, String note) {
        s.status = decision;
        s.decidedBy = caller.id();
        s.decidedRole = caller.role();
        s.decisionNote = note == null || note.isBlank() ? null : note.strip();
        s.decidedAt = clock.instant();
        return events.suggestionDecided(s).replaceWith(view(s));
    }

    /** Applies an accepted change to the plan; a change that no longer fits the plan is a 409. */
    private Uni<Void> apply(Goal goal, PlanSuggestion s, ZoneId zone) {
        var p = proposal(s);
        return plans.habits(goal.id).chain(habits -> {
            Habit target = p.habitId() == null
                    ? null
                    : habits.stream()
                            .filter(h -> h.id.equals(p.habitId()))
                            .findFirst()
                            .orElse(null);
            if (p.habitId() != null && (target == null || !target.active)) {
                throw ProblemException.conflict("the habit this suggestion is about is gone or inactive");
            }
            Uni<Void> change;
            switch (p.kind()) {
                case "CHANGE_SCHEDULE" -> {
                    var h = p.habit();
                    target.schedule(schedule(h.scheduleType(), h.days(), h.timesPerWeek(), h.everyNDays()));
                    change = Uni.createFrom().voidItem();
                }
                case "DEACTIVATE_HABIT" -> {
                    target.active = false;
                    change = Uni.createFrom().voidItem();
                }
                case "CHANGE_TARGET" -> {
                    if (!target.measurable()) {
                        throw ProblemException.conflict("the habit has no target to change");
                    }
                    target.targetValue = p.targetValue();
                    change = Uni.createFrom().voidItem();
                }
                case "ADD_HABIT" -> {
                    var added = PlanService.habitFrom(
                            goal,
                            p.habit(),
                            habits.size(),
                            clock.instant(),
                            MemberCalendar.today(zone, clock.instant()));
                    habits.add(added);
                    change = plans.persist(added);
                }
                default -> throw ProblemException.conflict("unknown suggestion kind " + p.kind());
            }
            goal.touch(clock.instant());
            return change.chain(() -> plans.subgoals(goal.id))
                    .chain(subgoals -> events.goalUpdated(goal, subgoals, habits));
        });
    }

    private static Schedule schedule(String type, List<String> days, Integer timesPerWeek, Integer everyNDays) {
        try {
            return Schedule.of(
                    Schedule.Type.valueOf(type),
                    days == null ? null : days.stream().map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                    timesPerWeek,
                    everyNDays);
        } catch (IllegalArgumentException e) {
            throw ProblemException.conflict("the suggested schedule is not valid: " + e.getMessage());
        }
    }

    private static SuggestionProposed proposal(PlanSuggestion s) {
        return EventJson.read(
                s.proposal.getBytes(StandardCharsets.UTF_8), EventCatalog.SUGGESTION_PROPOSED.payloadType());
    }

    static SuggestionView view(PlanSuggestion s) {
        var p = proposal(s);
        return new SuggestionView(
                s.id,
                s.goalId,
                s.kind,
                s.reason,
                p.habitId(),
                p.habit() == null ? null : PlanService.request(p.habit()),
                p.targetValue(),
                s.status,
                s.decidedBy,
                s.decisionNote,
                s.decidedAt,
                s.createdAt);
    }
}
