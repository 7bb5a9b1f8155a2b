package dev.goalcoach.sync;

import dev.goalcoach.embedded.Postgres;
import dev.goalcoach.testkit.PostgresResource;
import dev.goalcoach.testkit.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh PostgreSQL warehouse database per application start, reached by the service through a {@link TcpProxy}
 * the tests can cut (the warehouse "goes down") and restore; the tests read it directly.
 */
public class WarehouseResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String database;
    private static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        Postgres pg = PostgresResource.server();
        database = "gc_wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        pg.ensureDatabase(database);
        proxy = new TcpProxy(pg.host(), pg.port());
        return Map.of(
                "goalcoach.sync.warehouse.url",
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                "goalcoach.sync.warehouse.user",
                pg.user(),
                "goalcoach.sync.warehouse.password",
                pg.password());
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

    /** A direct connection to the warehouse (not through the proxy). */
    public static Connection connect() throws SQLException {
        return PostgresResource.server().connect(database);
    }

    public static TcpProxy proxy() {
        return proxy;
    }

    public static String database() {
        return database;
    }
}
