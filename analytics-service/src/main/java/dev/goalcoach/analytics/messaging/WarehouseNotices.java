package dev.goalcoach.analytics.messaging;

import dev.goalcoach.analytics.service.AnalyticsStore;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * After each warehouse commit, the loader names the members it touched: their metrics are recomputed at once
 * (and only theirs). A notice redelivered recomputes again, which changes nothing.
 */
@ApplicationScoped
public class WarehouseNotices {

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
        if (!notice.memberIds().isEmpty()) {
            store.recompute(notice.memberIds());
        }
    }
}
