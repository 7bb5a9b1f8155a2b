package dev.goalcoach.testkit;

import dev.goalcoach.embedded.Postgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database per application start, which the application reaches through a {@link TcpProxy} the tests cut
 * (the database "goes down" for it alone) and restore; the tests themselves connect directly. The configuration
 * keys it fills are init args: {@code url} (a JDBC URL), {@code user}, {@code password}, and {@code reactive-url}
 * when the application also uses the reactive client.
 */
public class ProxiedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String database;
    private static volatile TcpProxy proxy;
    private Map<String, String> keys = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        keys = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Postgres pg = PostgresResource.server();
        database = "gc_px_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        pg.ensureDatabase(database);
        proxy = new TcpProxy(pg.host(), pg.port());
        var config = new HashMap<String, String>();
        config.put(keys.get("url"), "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
        config.put(keys.get("user"), pg.user());
        config.put(keys.get("password"), pg.password());
        if (keys.containsKey("reactive-url")) { // an application on the reactive client too (Hibernate Reactive)
            config.put(keys.get("reactive-url"), "postgresql://127.0.0.1:" + proxy.port() + "/" + database);
        }
        return config;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            PostgresResource.server().dropDatabase(database);
        }
    }

    /** A direct connection to the database (not through the proxy). */
    public static Connection connect() throws SQLException {
        return PostgresResource.server().connect(database);
    }

    public static TcpProxy proxy() {
        return proxy;
    }
}
