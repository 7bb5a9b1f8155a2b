package dev.goalcoach.sync.warehouse;

import dev.goalcoach.sync.config.SyncConfig;
import dev.goalcoach.warehouse.PostgresDialect;
import dev.goalcoach.warehouse.SnowflakeDialect;
import java.util.Properties;

/** Builds the {@link Warehouse} the configuration names: dialect, URL, credentials, driver settings. */
public final class Warehouses {

    public static Warehouse open(SyncConfig.Warehouse config, String applicationName) {
        return switch (config.dialect()) {
            case "postgres" -> new Warehouse(new PostgresDialect(), config.url(), postgres(config, applicationName));
            case "snowflake" -> new Warehouse(new SnowflakeDialect(), config.url(), snowflake(config, applicationName));
            default ->
                throw new IllegalArgumentException(
                        "goalcoach.sync.warehouse.dialect must be postgres or snowflake, not " + config.dialect());
        };
    }

    static Properties postgres(SyncConfig.Warehouse config, String applicationName) {
        var p = new Properties();
        config.user().ifPresent(u -> p.setProperty("user", u));
        config.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", applicationName);
        // batched binds become multi-row inserts
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    /**
     * Key-pair authentication ({@code SNOWFLAKE_JWT} with the PKCS#8 private key file) when a key is configured,
     * else the password. Platform detection is off: on connect the driver would otherwise probe cloud metadata
     * addresses, which no GoalCoach process may reach.
     */
    static Properties snowflake(SyncConfig.Warehouse config, String applicationName) {
        System.setProperty("net.snowflake.jdbc.disablePlatformDetection", "true");
        var p = new Properties();
        config.user().ifPresent(u -> p.setProperty("user", u));
        if (config.privateKeyFile().isPresent()) {
            p.setProperty("authenticator", "SNOWFLAKE_JWT");
            p.setProperty("private_key_file", config.privateKeyFile().get());
        } else {
            config.password().ifPresent(pw -> p.setProperty("password", pw));
        }
        p.setProperty("disablePlatformDetection", "true");
        p.setProperty("application", applicationName);
        p.setProperty("loginTimeout", "30");
        p.setProperty("networkTimeout", "60000");
        // results as JSON, the format its tests read through the driver; the loader reads a few rows at most
        p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        return p;
    }

    private Warehouses() {}
}
