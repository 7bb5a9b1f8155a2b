package dev.goalcoach.analytics.metrics;

import dev.goalcoach.analytics.config.AnalyticsConfig;
import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.PostgresDialect;
import dev.goalcoach.warehouse.SnowflakeDialect;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The warehouse the service computes in and reads from: its {@link Dialect}, the statements it reads by ({@link
 * ReadSql}) and a pooled connection. PostgreSQL is the default datasource; Snowflake the datasource named {@code
 * snowflake} (the real driver). Only the configured one is active (application.properties), so a service on
 * Snowflake opens no PostgreSQL connection, and the other way round.
 */
@ApplicationScoped
public class Warehouse {

    /** The name of the Snowflake datasource. */
    public static final String SNOWFLAKE = "snowflake";

    private final Dialect dialect;
    private final ReadSql sql;
    private final AgroalDataSource dataSource;

    public Warehouse(
            AnalyticsConfig config,
            @Default InjectableInstance<AgroalDataSource> postgres,
            @DataSource(SNOWFLAKE) InjectableInstance<AgroalDataSource> snowflake) {
        switch (config.warehouseDialect()) {
            case POSTGRES -> {
                dialect = new PostgresDialect();
                dataSource = postgres.get();
            }
            case SNOWFLAKE -> {
                dialect = new SnowflakeDialect();
                dataSource = snowflake.get();
            }
            default -> throw new IllegalStateException("no warehouse " + config.warehouseDialect());
        }
        sql = new ReadSql(dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    public ReadSql sql() {
        return sql;
    }

    /** Whether this is PostgreSQL (where the day's step and the bucket locks run). */
    public boolean postgres() {
        return dialect instanceof PostgresDialect;
    }

    /** A connection from the pool (autocommit; close it to give it back). */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
