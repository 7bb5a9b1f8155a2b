package dev.goalcoach.analytics.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The day rollover: each member's metrics move to their new date once their own midnight has passed, since "today",
 * the windows and the days since the last check-in move without any event. Every minute (by default) it looks for
 * members whose local date is past their metrics' date: those whose facts did not change since yesterday's metrics
 * are stepped by a day ({@code DayStep}), the others recomputed. With several replicas one does it at a
 * time (a PostgreSQL advisory lock; the others skip that tick), and as the work is found from the metrics' own
 * dates, a member moves once per local day however many replicas look.
 */
@ApplicationScoped
public class Rollover {

    private static final Logger LOG = Logger.getLogger(Rollover.class);

    /** The advisory lock key: "GCRO" (GoalCoach rollover). */
    private static final long LOCK = 0x4743524FL;

    private final AgroalDataSource dataSource;
    private final AnalyticsStore store;
    private final Counter recomputed;
    private final Counter stepped;
    private final Clock clock;

    public Rollover(AgroalDataSource dataSource, AnalyticsStore store, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.clock = clock;
        this.recomputed = Counter.builder("goalcoach_analytics_rollover_members")
                .description("members whose local day rolled over, by how their metrics moved to the new day")
                .tag("how", "recomputed")
                .register(registry);
        this.stepped = Counter.builder("goalcoach_analytics_rollover_members")
                .description("members whose local day rolled over, by how their metrics moved to the new day")
                .tag("how", "stepped")
                .register(registry);
    }

    @Scheduled(
            identity = "analytics-rollover",
            every = "${goalcoach.analytics.rollover-every:60s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            run(clock.instant());
        } catch (SQLException e) {
            LOG.warnf("day rollover skipped this time, the warehouse did not answer: %s", e.getMessage());
        }
    }

    /**
     * Recomputes, as of {@code now}, every member whose day rolled over; -1 when another replica is at it.
     */
    public int run(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, "pg_try_advisory_lock")) {
                return -1;
            }
            try {
                var due = store.rolledOver(c, now);
                if (!due.isEmpty()) {
                    long started = System.nanoTime();
                    int stepped = store.rollOver(due, now);
                    this.stepped.increment(stepped);
                    recomputed.increment(due.size() - stepped);
                    LOG.infof(
                            "day rollover: %d members stepped by a day, %d recomputed, in %d ms",
                            stepped, due.size() - stepped, (System.nanoTime() - started) / 1_000_000);
                }
                return due.size();
            } finally {
                lock(c, "pg_advisory_unlock");
            }
        }
    }

    private static boolean lock(Connection c, String function) throws SQLException {
        try (var ps = c.prepareStatement("select " + function + "(?)")) {
            ps.setLong(1, LOCK);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
