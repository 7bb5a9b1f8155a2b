package dev.goalcoach.mentor.service;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.kit.inbox.Inbox;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.api.MentorDtos.AlertView;
import dev.goalcoach.mentor.repository.AlertRepository;
import dev.goalcoach.mentor.repository.AlertRepository.State;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * At-risk alerts. analytics-service announces each change of a member's risk level ({@code risk.changed}); a rise
 * to HIGH (a first computation at HIGH included) raises an alert, once per member, level and member-local day
 * however often the change is delivered; a fall below HIGH resolves the member's alerts, acknowledged or not. The
 * member's mentor now sees them (an alert follows a reassigned mentee), acknowledges them, and counts the open ones
 * on the roster. An erased member raises none.
 */
@ApplicationScoped
public class AlertService {

    static final String KIND = "alerts";
    static final String CONSUMER = "mentor-service.risk-alerts";
    static final String HIGH = "HIGH";

    private final AlertRepository alerts;
    private final MentorAccess access;
    private final MemberDirectory directory;
    private final Inbox inbox;
    private final Clock clock;
    private final Counter raised;
    private final Counter resolved;

    public AlertService(
            AlertRepository alerts,
            MentorAccess access,
            MemberDirectory directory,
            Inbox inbox,
            Clock clock,
            MeterRegistry registry) {
        this.alerts = alerts;
        this.access = access;
        this.directory = directory;
        this.inbox = inbox;
        this.clock = clock;
        this.raised = Counter.builder("goalcoach_mentor_alerts")
                .description("at-risk alerts raised (a mentee's risk rose to HIGH) and resolved (it fell below)")
                .tag("event", "raised")
                .register(registry);
        this.resolved = Counter.builder("goalcoach_mentor_alerts")
                .description("at-risk alerts raised (a mentee's risk rose to HIGH) and resolved (it fell below)")
                .tag("event", "resolved")
                .register(registry);
    }

    /** One checked event from {@code goalcoach.analytics}, in a transaction of its own; other types are skipped. */
    public Uni<Void> apply(ReceivedEvent event) {
        if (!event.is(EventCatalog.RISK_CHANGED)) {
            return Uni.createFrom().voidItem();
        }
        RiskChanged change = event.data(EventCatalog.RISK_CHANGED);
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event.id())
                .chain(first -> first ? changed(change) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> changed(RiskChanged change) {
        if (!HIGH.equals(change.level())) {
            return alerts.resolve(change.memberId(), clock.instant())
                    .invoke(n -> resolved.increment(n))
                    .replaceWithVoid();
        }
        if (HIGH.equals(change.previousLevel())) {
            return Uni.createFrom().voidItem();
        }
        return directory
                .erased(change.memberId())
                .chain(erased -> erased
                        ? Uni.createFrom().voidItem()
                        : alerts.raise(change, clock.instant())
                                .invoke(isNew -> {
                                    if (isNew) {
                                        raised.increment();
                                    }
                                })
                                .replaceWithVoid());
    }

    /**
     * Alerts about the mentees of {@code mentorId} (a mentor: themselves when null; an admin: everyone's when null),
     * in {@code state} ({@code OPEN}, {@code ACKNOWLEDGED}, {@code RESOLVED}, {@code ALL}; none: not yet
     * resolved), newest first.
     */
    @WithSession
    public Uni<PageView<AlertView>> list(Caller caller, UUID mentorId, String state, int page, int size) {
        UUID mentor = mentorId != null ? mentorId : caller.isAdmin() ? null : caller.id();
        if (mentor != null) {
            MentorAccess.self(caller, mentor);
        }
        return alerts.list(mentor, null, states(state), page, size)
                .map(found -> new PageView<>(found.items(), page, size, found.total()));
    }

    /**
     * The mentor marks an alert about their mentee seen (again: nothing changes). Someone else's mentee's alert:
     * 404, audited as refused.
     */
    @WithTransaction
    public Uni<AlertView> acknowledge(Caller caller, UUID id) {
        if (!caller.isMentor()) {
            throw ProblemException.forbidden("an alert is acknowledged by the member's mentor");
        }
        return alerts.find(id)
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().failure(ProblemException.notFound("alert"))
                        : access.mentee(caller, found.get().memberId(), KIND)
                                .chain(mentee -> alerts.acknowledge(id, caller.id(), clock.instant()))
                                .chain(() -> alerts.find(id))
                                .map(a -> a.orElseThrow()));
    }

    private static List<State> states(String state) {
        if (state == null || state.isBlank()) {
            return List.of(State.OPEN, State.ACKNOWLEDGED);
        }
        String s = state.trim().toUpperCase(Locale.ROOT);
        if (s.equals("ALL")) {
            return List.of(State.values());
        }
        try {
            return List.of(State.valueOf(s));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("state", "is one of OPEN, ACKNOWLEDGED, RESOLVED, ALL");
        }
    }
}
