package dev.goalcoach.analytics.service;

import dev.goalcoach.analytics.repository.Leases;
import dev.goalcoach.analytics.repository.MemberMetricsRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The day rollover: each member's metrics move to their new date once their own midnight has passed, since "today",
 * the windows and the days since the last check-in move without any event. Every minute (by default) it looks for
 * members whose local date is past their metrics' date: those whose facts did not change since yesterday's metrics
 * are stepped by a day ({@code DayStep}, on PostgreSQL; on Snowflake everyone due is recomputed), the others
 * recomputed. With several replicas one does it at a time (the lease {@value #LEASE} in the warehouse, held for a run
 * and given back; the others skip that tick), and as the work is found from the metrics' own dates, a member moves
 * once per local day however many replicas look.
 */
@ApplicationScoped
public class Rollover {

    private static final Logger LOG = Logger.getLogger(Rollover.class);

    /** The lease a run holds. */
    public static final String LEASE = "rollover";

    /**
     * How long a run may hold the lease: well past the longest run measured (a full recompute of 10,000 members,
     * 75–86 s), so that a replica that stopped mid-run hands the rollover on within minutes.
     */
    static final Duration LEASE_TIME = Duration.ofMinutes(10);

    /** This replica, as the lease's holder. */
    private final String holder = "analytics-" + UUID.randomUUID();

    private final Leases leases;

    /** Real time, for the lease only. */
    private final Clock realTime = Clock.systemUTC();

    private final MemberMetricsRepository metrics;
    private final Refresh refresh;
    private final Counter recomputed;
    private final Counter stepped;
    private final Clock clock;

    public Rollover(
            Leases leases, MemberMetricsRepository metrics, Refresh refresh, MeterRegistry registry, Clock clock) {
        this.leases = leases;
        this.metrics = metrics;
        this.refresh = refresh;
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
        // real time, not the business clock: replicas agree on it, a moved demo clock included
        if (!leases.take(LEASE, holder, realTime.instant(), LEASE_TIME)) {
            return -1;
        }
        try {
            var due = metrics.rolledOver(now);
            if (!due.isEmpty()) {
                long started = System.nanoTime();
                int stepped = refresh.rollOver(due, now);
                this.stepped.increment(stepped);
                recomputed.increment(due.size() - stepped);
                LOG.infof(
                        "day rollover: %d members stepped by a day, %d recomputed, in %d ms",
                        stepped, due.size() - stepped, (System.nanoTime() - started) / 1_000_000);
            }
            return due.size();
        } finally {
            leases.giveBack(LEASE, holder);
        }
    }
}
