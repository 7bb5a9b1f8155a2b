package dev.goalcoach.coach.messaging;

import dev.goalcoach.coach.repository.GoalProjection;
import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.CheckinRetracted;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.DeadLetterHeaders;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.kit.tracing.EventTraces;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Check-ins ({@code goalcoach.checkins}) into the coach's own copy, for reminders, reviews, suggestions and reports,
 * a poll at a time: every check-in a poll returns is written in one transaction (one commit, not one a record; each
 * still in a span of its own trace). A record that is not a check-in event goes to {@code goalcoach.dlq} with the
 * reason, the rest of its poll is written. A failure that may pass retries the poll's transaction (the partition
 * waits); one that can never pass (the database refuses a row) is narrowed to its record: the poll's records are then
 * written one by one, and only the one refused goes to the dead-letter topic.
 */
@ApplicationScoped
public class CheckinEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CheckinEventsConsumer.class);

    /** One record of a poll, read: a check-in logged or updated, or retracted. */
    private record Change(
            ConsumerRecord<String, byte[]> record, CheckinRecorded recorded, CheckinRetracted retracted) {}

    private final GoalProjection projection;
    private final MutinyEmitter<byte[]> deadLetters;

    public CheckinEventsConsumer(
            GoalProjection projection, @Channel("checkin-events-dead") MutinyEmitter<byte[]> deadLetters) {
        this.projection = projection;
        this.deadLetters = deadLetters;
    }

    @Incoming("checkin-events")
    public Uni<Void> onCheckinEvents(ConsumerRecords<String, byte[]> records) {
        var changes = new ArrayList<Change>();
        Uni<Void> dead = Uni.createFrom().voidItem();
        for (var record : records) {
            try {
                var event = ReceivedEvent.of(record.headers(), record.value());
                if (event.is(EventCatalog.CHECKIN_LOGGED) || event.is(EventCatalog.CHECKIN_UPDATED)) {
                    changes.add(new Change(record, event.data(EventCatalog.CHECKIN_LOGGED), null));
                } else if (event.is(EventCatalog.CHECKIN_RETRACTED)) {
                    changes.add(new Change(record, null, event.data(EventCatalog.CHECKIN_RETRACTED)));
                }
            } catch (IllegalArgumentException e) { // the record breaks the event contract
                dead = dead.chain(() -> deadLetter(record, e.getMessage()));
            }
        }
        if (changes.isEmpty()) {
            return dead;
        }
        String what = "applying " + changes.size() + " check-ins from "
                + name(changes.get(0).record());
        return dead.chain(() -> ConsumerFailures.retryingTransient(
                        what, () -> Panache.withTransaction(() -> applyAll(changes)))
                .onFailure(ConsumerFailures::permanent)
                .recoverWithUni(failure -> {
                    LOG.warnf("%s: refused (%s), now record by record", what, failure.getMessage());
                    return oneByOne(changes);
                }));
    }

    /** Every change in the current transaction, each in a span of its own event's trace, in order. */
    private Uni<Void> applyAll(List<Change> changes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var change : changes) {
            chain = chain.chain(() -> EventTraces.applying(
                    change.record().topic(), change.record().headers(), () -> apply(change)));
        }
        return chain;
    }

    private Uni<Void> apply(Change change) {
        return change.recorded() != null
                ? projection.checkin(change.recorded())
                : projection.retracted(change.retracted());
    }

    /**
     * The changes one transaction each (after a poll's transaction was refused): the one the database refuses goes
     * to the dead-letter topic, the others are written; a failure that may pass is retried, record by record.
     */
    private Uni<Void> oneByOne(List<Change> changes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var change : changes) {
            chain = chain.chain(() -> ConsumerFailures.retryingTransient(
                            "applying " + name(change.record()), () -> Panache.withTransaction(() -> apply(change)))
                    .onFailure(ConsumerFailures::permanent)
                    .recoverWithUni(failure -> deadLetter(change.record(), String.valueOf(failure.getMessage()))));
        }
        return chain;
    }

    /** The record as it came, with its headers and the dead-letter ones, sent before the poll is acknowledged. */
    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("%s to the dead-letter topic: %s", name(record), reason);
        return deadLetters.sendMessage(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(DeadLetterHeaders.of(record, reason, "coach-service.checkin-events"))
                        .build()));
    }

    private static String name(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
