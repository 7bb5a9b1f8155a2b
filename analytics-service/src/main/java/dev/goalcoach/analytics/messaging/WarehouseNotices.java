package dev.goalcoach.analytics.messaging;

import dev.goalcoach.analytics.service.AnalyticsStore;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * After each warehouse commit, the loader names the members it touched: their metrics are recomputed at once
 * (and only theirs). A notice redelivered recomputes again, which changes nothing. A notice that is not one goes to
 * the dead-letter topic; a warehouse that fails is retried with backoff (the notice is not given up: the channel
 * waits with it).
 */
@ApplicationScoped
public class WarehouseNotices {

    private static final Logger LOG = Logger.getLogger(WarehouseNotices.class);

    private final AnalyticsStore store;

    public WarehouseNotices(AnalyticsStore store) {
        this.store = store;
    }

    @Incoming("warehouse-notices")
    @Blocking
    public void onBatchCommitted(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) throws SQLException {
        var event = ReceivedEvent.of(record, data);
        if (!event.is(EventCatalog.WAREHOUSE_BATCH_COMMITTED)) {
            throw new IllegalArgumentException(
                    "not a batch notice: " + event.type().type());
        }
        var notice = event.data(EventCatalog.WAREHOUSE_BATCH_COMMITTED);
        if (notice.memberIds().isEmpty()) {
            return;
        }
        long backoff = 200;
        while (true) {
            try {
                store.recompute(notice.memberIds());
                return;
            } catch (SQLException e) {
                LOG.warnf(
                        "recomputing %d members failed, retrying in %d ms: %s",
                        notice.memberIds().size(), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }
}
