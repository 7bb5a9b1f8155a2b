package dev.goalcoach.goal.messaging;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.goal.service.JournalService;
import dev.goalcoach.goal.service.PlanService;
import dev.goalcoach.goal.service.SuggestionService;
import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What goal-service takes from coach-service ({@code goalcoach.coach}): generated plans, plan suggestions and journal sentiment. Coach events it has no
 * use for are acknowledged and skipped; records that are not valid events go to {@code goalcoach.dlq}.
 */
@ApplicationScoped
public class CoachEventsConsumer {

    private final PlanService plans;
    private final JournalService journal;
    private final SuggestionService suggestions;

    public CoachEventsConsumer(PlanService plans, JournalService journal, SuggestionService suggestions) {
        this.plans = plans;
        this.journal = journal;
        this.suggestions = suggestions;
    }

    @Incoming("coach-events")
    public Uni<Void> onCoachEvent(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return ConsumerFailures.retryingTransient(record, () -> {
            var event = ReceivedEvent.of(record, data);
            if (event.is(EventCatalog.PLAN_GENERATED)) {
                return plans.apply(event.id(), event.data(EventCatalog.PLAN_GENERATED), event.dataAsString());
            }
            if (event.is(EventCatalog.SUGGESTION_PROPOSED)) {
                return suggestions.received(event.id(), event.data(EventCatalog.SUGGESTION_PROPOSED));
            }
            if (event.is(EventCatalog.JOURNAL_ANALYZED)) {
                return journal.analyzed(event.id(), event.data(EventCatalog.JOURNAL_ANALYZED));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
