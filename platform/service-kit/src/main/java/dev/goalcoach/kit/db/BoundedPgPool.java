package dev.goalcoach.kit.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reactive PostgreSQL pool, as Quarkus configures it, with bounds on waiting: at most {@code
 * goalcoach.db.max-wait-queue} requests wait for a connection, each at most {@code goalcoach.db.connection-wait}.
 * Past either, the request fails at once and is answered 503 with Retry-After (web-kit's ProblemMappers).
 * Unbounded, a burst beyond what the database keeps up with piled up thousands of waiting requests, and their
 * HTTP connections, until the heap was full and every request timed out (bench/README.md, freshness at 200/s).
 */
@Singleton
public class BoundedPgPool implements PgPoolCreator {

    private final int maxWaitQueue;
    private final Duration connectionWait;

    public BoundedPgPool(
            @ConfigProperty(name = "goalcoach.db.max-wait-queue", defaultValue = "256") int maxWaitQueue,
            @ConfigProperty(name = "goalcoach.db.connection-wait", defaultValue = "5s") Duration connectionWait) {
        this.maxWaitQueue = maxWaitQueue;
        this.connectionWait = connectionWait;
    }

    @Override
    public Pool create(Input input) {
        var options = input.poolOptions()
                .setMaxWaitQueueSize(maxWaitQueue)
                .setConnectionTimeout((int) connectionWait.toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgBuilder.pool()
                .with(options)
                .connectingTo(new ArrayList<SqlConnectOptions>(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
