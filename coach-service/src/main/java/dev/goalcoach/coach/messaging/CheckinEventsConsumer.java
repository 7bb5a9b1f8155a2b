package dev.goalcoach.coach.messaging;

import dev.goalcoach.coach.repository.GoalProjection;
import dev.goalcoach.coach.repository.GoalProjection.CheckinCopy;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.DeadLetterHeaders;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.kit.tracing.EventTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Check-ins ({@code goalcoach.checkins}) into the coach's own copy, for reminders, reviews, suggestions and reports,
 * a poll at a time: what one poll returns is written with one statement (the copy is ordered by revision, so a
 * poll's events need no order among themselves). A record that is not a check-in event goes to {@code
 * goalcoach.dlq} with the reason; when the database refuses a poll's rows, they are written one by one and the row
 * it refuses goes there alone. A failure that may pass is retried, the poll with it (its partition waits).
 */
@ApplicationScoped
public class CheckinEventsConsumer {

    private static final String GROUP = "coach-service.checkin-events";

    private final GoalProjection projection;
    private final MutinyEmitter<byte[]> deadLetters;

    public CheckinEventsConsumer(
            GoalProjection projection, @Channel("checkin-events-dead") MutinyEmitter<byte[]> deadLetters) {
        this.projection = projection;
        this.deadLetters = deadLetters;
    }

    /** A check-in event of the poll, read, with the record it came in and the span it is applied in. */
    private record Read(ConsumerRecord<String, byte[]> record, CheckinCopy copy, Span span) {}

    @Incoming("checkin-events")
    public Uni<Void> onPoll(ConsumerRecords<String, byte[]> records) {
        var read = new ArrayList<Read>();
        Uni<Void> unreadable = Uni.createFrom().voidItem();
        for (var record : records) {
            CheckinCopy copy;
            try {
                copy = copyOf(ReceivedEvent.of(record.headers(), record.value()));
            } catch (RuntimeException e) { // only reading the record is in here
                unreadable = unreadable.call(() -> deadLetter(record, e.getMessage()));
                continue;
            }
            if (copy != null) {
                Span span = EventTraces.start(
                        record.topic() + " process", SpanKind.CONSUMER, EventTraces.of(record.headers()));
                span.setAttribute("messaging.destination.name", record.topic());
                read.add(new Read(record, copy, span));
            }
        }
        if (read.isEmpty()) {
            return unreadable;
        }
        var first = read.get(0).record();
        String what = "applying " + read.size() + " check-ins from " + first.topic() + "-" + first.partition() + "@"
                + first.offset();
        return unreadable
                .chain(() -> ConsumerFailures.retryingTransient(
                                what,
                                () -> projection.checkins(
                                        read.stream().map(Read::copy).toList()))
                        .onFailure(ConsumerFailures::permanent)
                        .recoverWithUni(refused -> oneByOne(read)))
                .onItemOrFailure()
                .invoke((done, failure) -> read.forEach(r -> {
                    if (failure != null) {
                        EventTraces.failed(r.span(), failure);
                    }
                    r.span().end();
                }));
    }

    /** The poll's check-ins one at a time, each the database refuses to the dead-letter topic. */
    private Uni<Void> oneByOne(List<Read> read) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var r : read) {
            var record = r.record();
            chain = chain.call(() -> ConsumerFailures.retryingTransient(
                            "applying " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                            () -> projection.checkins(List.of(r.copy())))
                    .onFailure(ConsumerFailures::permanent)
                    .recoverWithUni(refused -> {
                        EventTraces.failed(r.span(), refused);
                        return deadLetter(record, String.valueOf(refused.getMessage()));
                    }));
        }
        return chain;
    }

    /** The copy a check-in event makes, null for another event of the topic. */
    private static CheckinCopy copyOf(ReceivedEvent event) {
        if (event.is(EventCatalog.CHECKIN_LOGGED) || event.is(EventCatalog.CHECKIN_UPDATED)) {
            return CheckinCopy.of(event.data(EventCatalog.CHECKIN_LOGGED));
        }
        if (event.is(EventCatalog.CHECKIN_RETRACTED)) {
            return CheckinCopy.of(event.data(EventCatalog.CHECKIN_RETRACTED));
        }
        return null;
    }

    /** The record as it came, with its headers and the dead-letter ones, sent before the poll is acknowledged. */
    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        return deadLetters.sendMessage(DeadLetterHeaders.message(record, reason, GROUP));
    }
}
