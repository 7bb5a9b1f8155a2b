package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.analytics.metrics.Recomputation;
import dev.goalcoach.warehouse.Migrations;
import io.agroal.api.AgroalDataSource;
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

    private final AgroalDataSource dataSource;

    public WarehouseSchema(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate(@Observes StartupEvent ignored) throws SQLException {
        var dialect = Recomputation.DIALECT;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Migrations.apply(c, dialect, "sync_schema", Migrations.warehouse(dialect));
            Migrations.apply(c, dialect, MetricsSchema.VERSION_TABLE, MetricsSchema.versions(dialect));
        }
        LOG.info("metrics tables ready");
    }
}
