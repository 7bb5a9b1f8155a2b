package dev.goalcoach.coach.messaging;

import dev.goalcoach.coach.service.PlanService;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What coach-service takes from goal-service's goals ({@code goalcoach.goals}): a goal created without a plan is
 * planned. Other goal events are acknowledged and skipped; records that are not valid events go to
 * {@code goalcoach.dlq}.
 */
@ApplicationScoped
public class GoalEventsConsumer {

    private final PlanService plans;

    public GoalEventsConsumer(PlanService plans) {
        this.plans = plans;
    }

    @Incoming("goal-events")
    public Uni<Void> onGoalEvent(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return Uni.createFrom().deferred(() -> {
            var event = ReceivedEvent.of(record, data);
            if (event.is(EventCatalog.GOAL_CREATED)) {
                return plans.planFor(event.id(), event.data(EventCatalog.GOAL_CREATED));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
