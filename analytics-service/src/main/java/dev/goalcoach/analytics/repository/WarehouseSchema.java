package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.warehouse.Migrations;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/** The warehouse schema at start (whoever comes first creates it: the loader or this service) and the metrics tables. */
@ApplicationScoped
public class WarehouseSchema {

    private static final Logger LOG = Logger.getLogger(WarehouseSchema.class);

    private final Warehouse warehouse;

    public WarehouseSchema(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void migrate(@Observes StartupEvent ignored) throws SQLException {
        var dialect = warehouse.dialect();
        try (Connection c = warehouse.connection()) {
            c.setAutoCommit(false);
            Migrations.apply(c, dialect, "sync_schema", Migrations.warehouse(dialect));
            Migrations.apply(c, dialect, MetricsSchema.VERSION_TABLE, MetricsSchema.versions(dialect));
        }
        LOG.infof("metrics tables ready (%s)", dialect.name());
    }
}
