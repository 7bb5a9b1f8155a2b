package dev.goalcoach.analytics.metrics;

import dev.goalcoach.analytics.config.AnalyticsConfig;
import dev.goalcoach.warehouse.PostgresDialect;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs the metrics in the warehouse: recomputes members with {@link MetricsEngine} (many in slices at once, see
 * {@link MemberSlices}) and steps members whose day rolled over with {@link DayStep}. What was cached of the
 * members it touched is for the caller to forget. After a commit that wrote risk level changes it fires {@link
 * RiskChangesWritten}, and their publisher drains the outbox.
 */
// created at start, so that its meters are there (at zero) before the first notice
@Startup
@ApplicationScoped
public class Recomputation {

    private static final Logger LOG = Logger.getLogger(Recomputation.class);

    /**
     * The warehouse this service computes in: PostgreSQL (the engine and its schema also render for Snowflake, see
     * {@code MetricsGoldenTest}; this service's reads are PostgreSQL's yet).
     */
    public static final PostgresDialect DIALECT = new PostgresDialect();

    private static final MetricsEngine ENGINE = new MetricsEngine(DIALECT);

    private static final DayStep DAY_STEP = new DayStep();

    private final AgroalDataSource dataSource;
    private final int shards;
    private final Timer fullRefresh;
    private final Timer memberRefresh;
    private final Event<RiskChangesWritten> riskChanges;

    public Recomputation(
            AgroalDataSource dataSource,
            MeterRegistry registry,
            AnalyticsConfig config,
            Event<RiskChangesWritten> riskChanges) {
        this.dataSource = dataSource;
        this.riskChanges = riskChanges;
        this.shards = config.refreshShards();
        this.fullRefresh = Timer.builder("goalcoach_analytics_refresh")
                .description("one recomputation in the warehouse: everyone")
                .tag("scope", "all")
                .register(registry);
        this.memberRefresh = Timer.builder("goalcoach_analytics_refresh")
                .description("one recomputation in the warehouse: the members a batch notice named")
                .tag("scope", "members")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /**
     * Recomputes these members (null: everyone) as of {@code asOf}. Everyone is recomputed in slices at once, then
     * the metrics of members gone from the warehouse are dropped.
     */
    public void recompute(Collection<UUID> members, Instant asOf) throws SQLException {
        long started = System.nanoTime();
        if (members == null) {
            inSlices(everyone(), asOf);
            try (Connection c = dataSource.getConnection()) {
                MetricsEngine.forgetAbsentMembers(c);
            }
        } else {
            try (Connection c = dataSource.getConnection()) {
                written(ENGINE.refresh(c, asOf, members));
            }
        }
        (members == null ? fullRefresh : memberRefresh).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /**
     * Recomputes many members as of {@code asOf} in slices at once, each on a connection of its own (one
     * transaction per slice, a member always whole).
     */
    public void inSlices(List<UUID> members, Instant asOf) throws SQLException {
        var changes = new AtomicInteger();
        try {
            MemberSlices.run(dataSource::getConnection, members, shards, (c, slice) -> {
                changes.addAndGet(ENGINE.refresh(c, asOf, slice));
                return slice;
            });
        } finally {
            // the slices that committed before one failed wrote theirs
            written(changes.get());
        }
    }

    /**
     * Brings the members whose day rolled over to their date at {@code now}: those whose facts did not change since
     * their last refresh are stepped by a day ({@link DayStep}: O(habits), not O(habit-days)), the others
     * recomputed; both in slices at once; returns how many were stepped. Should a step fail (its transaction then
     * changed nothing), its members are recomputed.
     */
    public int rollOver(List<UUID> members, Instant now) throws SQLException {
        List<UUID> stepped;
        try {
            stepped = MemberSlices.run(
                    dataSource::getConnection, members, shards, (c, slice) -> DAY_STEP.step(c, now, slice));
        } catch (SQLException e) {
            // a slice's step is one transaction: it changed nothing; recomputing is slower but never worse
            LOG.warnf("day step failed, recomputing instead: %s", e.getMessage());
            stepped = List.of();
        }
        // the step does not count the changes it wrote (and slices that committed before one failed wrote theirs)
        written(-1);
        var rest = new ArrayList<>(members);
        rest.removeAll(new HashSet<>(stepped));
        if (!rest.isEmpty()) {
            inSlices(rest, now);
        }
        return stepped.size();
    }

    /** Tells the publisher, after the commits, that the outbox holds {@code rows} changes (-1: may hold some). */
    private void written(int rows) {
        if (rows != 0) {
            riskChanges.fire(new RiskChangesWritten(rows));
        }
    }

    private List<UUID> everyone() throws SQLException {
        var everyone = new ArrayList<UUID>();
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("select member_id from dim_members order by member_id")) {
            while (rs.next()) {
                everyone.add(rs.getObject(1, UUID.class));
            }
        }
        return everyone;
    }
}
