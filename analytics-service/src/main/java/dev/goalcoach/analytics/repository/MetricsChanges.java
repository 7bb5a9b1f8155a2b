package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.kit.messaging.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * What any replica wrote to the metrics, as PostgreSQL announces it: every statement writing {@code metrics_streak}
 * (each refresh and step rewrites the member's row) notifies {@value MetricsSchema#CHANGES} at its commit (a trigger, {@code
 * MetricsSchema} version 11), and this replica listens on a connection of its own. {@link #seen} moves with each
 * announcement, so what was cached before it is known to be older than the warehouse, at no cost per read.
 *
 * <p>While not listening — Snowflake (no notifications), the connection lost, not yet started — {@link #live} is
 * false and readers must ask the warehouse themselves. The gap between a commit and its announcement here is the
 * delivery (milliseconds): the cost of not asking on each read.
 */
@ApplicationScoped
public class MetricsChanges {

    private static final Logger LOG = Logger.getLogger(MetricsChanges.class);

    /** How long one wait for notifications lasts (and so how long a stop waits for this thread). */
    private static final int WAIT_MILLIS = 1_000;

    /** How often a quiet connection is checked by a query: one gone silently must not look like a quiet warehouse. */
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Warehouse warehouse;
    private final AtomicLong seen = new AtomicLong();
    private volatile boolean live;
    private volatile boolean running;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "metrics-changes");
        t.setDaemon(true);
        return t;
    });

    public MetricsChanges(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void start(@Observes StartupEvent event) {
        if (warehouse.postgres()) { // Snowflake announces nothing: readers ask
            running = true;
            worker.execute(this::run);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        worker.shutdownNow();
        worker.awaitTermination(WAIT_MILLIS * 2L, TimeUnit.MILLISECONDS);
    }

    /** Whether announcements reach this replica now: if not, {@link #seen} says nothing. */
    public boolean live() {
        return live;
    }

    /** Moves with every announcement seen (and when listening starts again: what was missed is unknown). */
    public long seen() {
        return seen.get();
    }

    private void run() {
        var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
        while (running) {
            try (Connection c = warehouse.connection()) {
                try (var s = c.createStatement()) {
                    s.execute("listen " + MetricsSchema.CHANGES);
                }
                seen.incrementAndGet(); // what was written while nobody listened
                live = true;
                backoff.reset();
                try {
                    listen(c.unwrap(PGConnection.class), c);
                } finally {
                    unlisten(c); // the connection goes back to the pool: nobody else should collect announcements
                }
            } catch (SQLException | RuntimeException e) { // whatever it was, listen again: never give up for good
                live = false;
                if (!running) {
                    return;
                }
                LOG.warnf(
                        "not listening for metrics changes (%s); reads ask the warehouse; again in %d ms",
                        e.getMessage(), backoff.current().toMillis());
                try {
                    Thread.sleep(backoff.current().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff.failed();
            } finally {
                live = false;
            }
        }
    }

    private void listen(PGConnection pg, Connection c) throws SQLException {
        long checked = System.nanoTime();
        while (running) {
            var notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                seen.incrementAndGet();
                checked = System.nanoTime();
            } else if (System.nanoTime() - checked > CHECK_NANOS) {
                try (var s = c.createStatement()) {
                    s.execute("select 1");
                }
                checked = System.nanoTime();
            }
        }
    }

    private static void unlisten(Connection c) {
        try (var s = c.createStatement()) {
            s.execute("unlisten *");
        } catch (SQLException e) {
            // a broken connection: the pool drops it, its listening with it
        }
    }
}
