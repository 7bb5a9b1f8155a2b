package dev.goalcoach.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** analytics-service settings ({@code goalcoach.analytics.*}; environment variables in {@code .env.example}). */
@ConfigMapping(prefix = "goalcoach.analytics")
public interface AnalyticsConfig {

    /** The warehouses the service computes in and reads from. */
    enum Dialect {
        POSTGRES,
        SNOWFLAKE
    }

    /**
     * The warehouse: PostgreSQL (the default datasource) or Snowflake (the datasource named {@code snowflake});
     * {@code GOALCOACH_WAREHOUSE_DIALECT}, as sync-service's.
     */
    @WithDefault("postgres")
    Dialect warehouseDialect();

    /** How many slices (each on a connection of its own) a recomputation of many members runs at once. */
    @WithDefault("2")
    int refreshShards();

    /**
     * How often the day rollover looks for members past their midnight ({@code off}: never); read by the
     * rollover's schedule itself.
     */
    @WithDefault("60s")
    String rolloverEvery();

    /**
     * How many members' metrics a replica keeps read (the least used go first): a bound on its heap, ~2 KB a member
     * with a few habits.
     */
    @WithDefault("20000")
    int cachedMembers();

    /** How many mentors' rosters a replica keeps read (~10 KB for 50 mentees). */
    @WithDefault("2000")
    int cachedRosters();

    /** Names the service as the source of the events it publishes ({@code /goalcoach/<name>}). */
    @WithDefault("${quarkus.application.name}")
    String applicationName();
}
