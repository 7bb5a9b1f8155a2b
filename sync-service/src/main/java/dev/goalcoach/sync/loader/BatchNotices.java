package dev.goalcoach.sync.loader;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.WarehouseBatchCommitted;
import dev.goalcoach.kit.messaging.CloudEventHeaders;
import dev.goalcoach.sync.warehouse.Warehouse;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * {@code warehouse.batch.committed}: each committed batch's notice (which members it touched), written in the
 * batch's own warehouse transaction and published after it; one not yet published is published by a later round.
 */
final class BatchNotices {

    private static final Logger LOG = Logger.getLogger(BatchNotices.class);

    private final Producer<String, byte[]> producer;
    private final Warehouse warehouse;
    private final String source;

    BatchNotices(Producer<String, byte[]> producer, Warehouse warehouse, String source) {
        this.producer = producer;
        this.warehouse = warehouse;
        this.source = source;
    }

    /** Publishes a notice and marks it; false when Kafka or the warehouse failed (it is retried later). */
    boolean publish(Warehouse.Notice n) {
        try {
            var data = new WarehouseBatchCommitted(
                    n.batchId(), n.memberIds(), n.eventCount(), n.newestEventTime(), n.committedAt(), n.factsOnly());
            var type = EventCatalog.WAREHOUSE_BATCH_COMMITTED;
            var headers = CloudEventHeaders.of(n.batchId().toString(), source, type.type(), null, n.committedAt());
            producer.send(new ProducerRecord<>(
                            type.topic(), null, n.batchId().toString(), EventJson.write(data), headers))
                    .get(10, TimeUnit.SECONDS);
            warehouse.published(n.batchId());
            return true;
        } catch (Exception e) {
            LOG.warnf("batch notice %s not published yet: %s", n.batchId(), e.getMessage());
            return false;
        }
    }

    /** Publishes every notice not yet published, oldest first; false when one could not be. */
    boolean publishPending() throws Exception {
        for (var n : warehouse.unpublished()) {
            if (!publish(n)) {
                return false;
            }
        }
        return true;
    }
}
