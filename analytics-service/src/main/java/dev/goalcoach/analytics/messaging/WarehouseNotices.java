package dev.goalcoach.analytics.messaging;

import dev.goalcoach.analytics.service.Refresh;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.Backoff;
import dev.goalcoach.kit.messaging.DeadLetterHeaders;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * After each warehouse commit, the loader names the members it touched: their metrics are recomputed at once
 * (and only theirs). The notices come in batches, whatever one poll returns: the members of all of them are
 * recomputed together, so a busy loader (several notices a second) costs one recomputation per poll, not one per
 * notice, and the metrics keep up. A notice redelivered recomputes again, which changes nothing. A record that is
 * not a notice goes to the dead-letter topic with the reason (the others of its batch are still done); a warehouse
 * that fails is retried with backoff (the batch is not given up: the channel waits with it).
 */
// created at start, so that its meters are there (at zero) before the first notice
@Startup
@ApplicationScoped
public class WarehouseNotices {

    private static final Logger LOG = Logger.getLogger(WarehouseNotices.class);

    private final Refresh refresh;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Counter retries;

    public WarehouseNotices(
            Refresh refresh,
            @Channel("warehouse-notices-dead") MutinyEmitter<byte[]> deadLetters,
            MeterRegistry registry) {
        this.refresh = refresh;
        this.deadLetters = deadLetters;
        this.retries = Counter.builder("goalcoach_analytics_recompute_retries")
                .description("recomputations of a batch notice's members that failed and wait to be tried again")
                .register(registry);
    }

    @Incoming("warehouse-notices")
    @Blocking
    public void onBatch(ConsumerRecords<String, byte[]> records) throws SQLException {
        var members = new LinkedHashSet<UUID>();
        for (var record : records) {
            try {
                var event = ReceivedEvent.of(record.headers(), record.value());
                if (!event.is(EventCatalog.WAREHOUSE_BATCH_COMMITTED)) {
                    throw new IllegalArgumentException(
                            "not a batch notice: " + event.type().type());
                }
                members.addAll(
                        event.data(EventCatalog.WAREHOUSE_BATCH_COMMITTED).memberIds());
            } catch (RuntimeException e) { // only reading the record is in here
                deadLetter(record, e.getMessage());
            }
        }
        if (members.isEmpty()) {
            return;
        }
        var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
        while (true) {
            try {
                refresh.recompute(List.copyOf(members));
                return;
            } catch (SQLException e) {
                retries.increment();
                LOG.warnf(
                        "recomputing %d members failed, retrying in %d ms: %s",
                        members.size(), backoff.current().toMillis(), e.getMessage());
                try {
                    Thread.sleep(backoff.current().toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff.failed();
            }
        }
    }

    /** The record as it came, with its headers and the dead-letter ones, sent before the batch is acknowledged. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("%s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(), reason);
        var headers = DeadLetterHeaders.of(record, reason, null);
        deadLetters.sendMessageAndAwait(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build()));
    }
}
