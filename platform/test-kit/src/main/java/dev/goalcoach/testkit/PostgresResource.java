package dev.goalcoach.testkit;

import dev.goalcoach.embedded.Postgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for a {@code @QuarkusTest}: the server {@code GOALCOACH_TEST_PG_URL} points at, else an
 * embedded one started once per test JVM. Every start gets a fresh database, so test runs never see each other's
 * rows.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static Postgres server;
    private String database;

    /** The server the current tests run against (started on first use). */
    public static synchronized Postgres server() {
        if (server == null) {
            String url = System.getenv("GOALCOACH_TEST_PG_URL");
            server = url == null || url.isBlank() ? Postgres.embedded(null, 0) : Postgres.external(url);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        }
        return server;
    }

    /** The database of the application under test, once started. */
    public static volatile String currentDatabase;

    @Override
    public Map<String, String> start() {
        var pg = server();
        database = "gc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        pg.ensureDatabase(database);
        currentDatabase = database;
        return Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            server().dropDatabase(database);
        }
    }
}
