package dev.goalcoach.analytics.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.warehouse.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse's {@code analytics_outbox}: risk level changes committed with the metrics that made them
 * ({@code metrics.RiskChangeSql}), read to be published and deleted once the broker has them. Read only when a
 * commit wrote some, at start, and after a failed send: never polled (on Snowflake a read is a warehouse query).
 */
@ApplicationScoped
public class RiskOutbox {

    private static final TypeReference<List<RiskChanged.Reason>> REASONS = new TypeReference<>() {};

    private final Warehouse warehouse;

    public RiskOutbox(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The oldest {@code limit} changes not yet published. */
    public List<RiskChanged> pending(int limit) throws SQLException {
        var out = new ArrayList<RiskChanged>();
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(String.format(warehouse.sql().outboxPending, limit))) {
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RiskChanged(
                            d.uuid(rs, 1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            reasons(rs.getString(5)),
                            d.date(rs, 6),
                            d.instant(rs, 7)));
                }
            }
        }
        return out;
    }

    /** Deletes these changes, published (by member and the instant each was written at, the table's key). */
    public void published(List<RiskChanged> changes) throws SQLException {
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().outboxPublished)) {
            for (var change : changes) {
                d.bind(ps, 1, Table.Type.UUID, change.memberId());
                d.bind(ps, 2, Table.Type.TIMESTAMP, change.changedAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<RiskChanged.Reason> reasons(String json) {
        try {
            return EventJson.mapper().readValue(json, REASONS);
        } catch (IOException e) {
            throw new IllegalStateException("analytics_outbox.reasons is not JSON", e);
        }
    }
}
