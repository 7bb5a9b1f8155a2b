package dev.goalcoach.coach.messaging;

import dev.goalcoach.coach.repository.GoalProjection;
import dev.goalcoach.coach.service.PlanService;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What coach-service takes from goal-service's goals ({@code goalcoach.goals}): every goal into its own copy
 * ({@link GoalProjection}, for the scheduled coaching), and a goal created without a plan is planned. Other goal
 * events are acknowledged and skipped; records that are not valid events go to {@code goalcoach.dlq}.
 */
@ApplicationScoped
public class GoalEventsConsumer {

    private final PlanService plans;
    private final GoalProjection projection;

    public GoalEventsConsumer(PlanService plans, GoalProjection projection) {
        this.plans = plans;
        this.projection = projection;
    }

    @Incoming("goal-events")
    public Uni<Void> onGoalEvent(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return ConsumerFailures.retryingTransient(record, () -> {
            var event = ReceivedEvent.of(record, data);
            if (event.is(EventCatalog.GOAL_CREATED)) {
                var goal = event.data(EventCatalog.GOAL_CREATED);
                return Panache.withTransaction(() -> projection.goal(goal))
                        .chain(() -> plans.planFor(event.id(), goal));
            }
            if (event.is(EventCatalog.GOAL_UPDATED)) {
                return Panache.withTransaction(() -> projection.goal(event.data(EventCatalog.GOAL_UPDATED)));
            }
            if (event.is(EventCatalog.GOAL_DELETED)) {
                return Panache.withTransaction(() -> projection.goalDeleted(event.data(EventCatalog.GOAL_DELETED)));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
