package dev.goalcoach.analytics.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.goalcoach.analytics.metrics.Recomputation;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.warehouse.Table;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The warehouse's {@code analytics_outbox}: risk level changes committed with the metrics that made them
 * ({@code metrics.RiskChangeSql}), read to be published and deleted once the broker has them. Read only when a
 * commit wrote some, at start, and after a failed send: never polled (on Snowflake a read is a warehouse query).
 */
@ApplicationScoped
public class RiskOutbox {

    private static final TypeReference<List<RiskChanged.Reason>> REASONS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;

    public RiskOutbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The oldest {@code limit} changes not yet published. */
    public List<RiskChanged> pending(int limit) throws SQLException {
        var out = new ArrayList<RiskChanged>();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select member_id, previous_level, level, score, reasons, as_of, changed_at"
                        + " from analytics_outbox order by changed_at, member_id limit " + limit)) {
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RiskChanged(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            reasons(rs.getString(5)),
                            rs.getObject(6, LocalDate.class),
                            rs.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    /** Deletes these changes, published (by member and the instant each was written at, the table's key). */
    public void published(List<RiskChanged> changes) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("delete from analytics_outbox where member_id = ? and changed_at = ?")) {
            for (var change : changes) {
                ps.setObject(1, change.memberId());
                Recomputation.DIALECT.bind(ps, 2, Table.Type.TIMESTAMP, change.changedAt());
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
