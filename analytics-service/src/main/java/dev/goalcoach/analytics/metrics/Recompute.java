package dev.goalcoach.analytics.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Recomputes members' metrics from their facts, as of an instant, in one transaction: {@link MetricsEngine} (the
 * statements, in the warehouse; what Snowflake runs) or {@link StreamedEngine} (the facts read once, computed in the
 * service; PostgreSQL's), which write the same rows.
 */
public interface Recompute {

    /**
     * Recomputes {@code members} (null: everyone) as of {@code asOf} on {@code c}; returns how many risk level
     * changes it wrote to the outbox ({@link RiskChangeSql}) for publishing after the commit.
     */
    int refresh(Connection c, Instant asOf, Collection<UUID> members) throws SQLException;
}
