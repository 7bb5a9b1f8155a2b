package dev.goalcoach.coach.messaging;

import dev.goalcoach.coach.repository.GoalProjection;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Check-ins ({@code goalcoach.checkins}) into the coach's own copy, for reminders, reviews, suggestions and reports;
 * records that are not valid events go to {@code goalcoach.dlq}.
 */
@ApplicationScoped
public class CheckinEventsConsumer {

    private final GoalProjection projection;

    public CheckinEventsConsumer(GoalProjection projection) {
        this.projection = projection;
    }

    @Incoming("checkin-events")
    public Uni<Void> onCheckinEvent(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return ConsumerFailures.retryingTransient(record, () -> {
            var event = ReceivedEvent.of(record, data);
            if (event.is(EventCatalog.CHECKIN_LOGGED) || event.is(EventCatalog.CHECKIN_UPDATED)) {
                return Panache.withTransaction(() -> projection.checkin(event.data(EventCatalog.CHECKIN_LOGGED)));
            }
            if (event.is(EventCatalog.CHECKIN_RETRACTED)) {
                return Panache.withTransaction(() -> projection.retracted(event.data(EventCatalog.CHECKIN_RETRACTED)));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
