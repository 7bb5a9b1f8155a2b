package dev.goalcoach.coach.messaging;

import dev.goalcoach.coach.service.SentimentService;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What coach-service takes from the journal ({@code goalcoach.journal}): each entry written or edited is read for
 * its sentiment. Deletions need nothing here (the text was never kept); invalid records go to {@code goalcoach.dlq}.
 */
@ApplicationScoped
public class JournalEventsConsumer {

    private final SentimentService sentiment;

    public JournalEventsConsumer(SentimentService sentiment) {
        this.sentiment = sentiment;
    }

    @Incoming("journal-events")
    public Uni<Void> onJournalEvent(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return ConsumerFailures.retryingTransient(record, () -> {
            var event = ReceivedEvent.of(record, data);
            if (event.is(EventCatalog.JOURNAL_WRITTEN)) {
                return sentiment.analyze(event.id(), event.data(EventCatalog.JOURNAL_WRITTEN));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
