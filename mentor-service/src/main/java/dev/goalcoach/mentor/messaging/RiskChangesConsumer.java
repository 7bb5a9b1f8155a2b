package dev.goalcoach.mentor.messaging;

import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.mentor.service.AlertService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * analytics-service's risk level changes ({@code goalcoach.analytics}) into at-risk alerts; a record that is not a
 * valid event goes to {@code goalcoach.dlq}, one that fails for a moment (the database) is retried.
 */
@ApplicationScoped
public class RiskChangesConsumer {

    private final AlertService alerts;

    public RiskChangesConsumer(AlertService alerts) {
        this.alerts = alerts;
    }

    @Incoming("risk-changes")
    public Uni<Void> onRiskChanged(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return ConsumerFailures.retryingTransient(record, () -> alerts.apply(ReceivedEvent.of(record, data)));
    }
}
