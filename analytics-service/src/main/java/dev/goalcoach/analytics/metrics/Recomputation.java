package dev.goalcoach.analytics.metrics;

import dev.goalcoach.analytics.config.AnalyticsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs the metrics in the warehouse: recomputes members with {@link StreamedEngine} on PostgreSQL, {@link
 * MetricsEngine} on Snowflake (many in slices at once, see {@link MemberSlices}), steps members whose day rolled over
 * with {@link DayStep}, members whose changes were today's check-ins with {@link CheckinStep}, and continues members
 * whose check-ins of earlier days changed from their checkpoints ({@link StreamedEngine#replay}). What was cached of the
 * members it touched is for the caller to forget. After a commit that wrote risk level changes it fires {@link
 * RiskChangesWritten}, and their publisher drains the outbox.
 */
// created at start, so that its meters are there (at zero) before the first notice
@Startup
@ApplicationScoped
public class Recomputation {

    private static final Logger LOG = Logger.getLogger(Recomputation.class);

    private static final DayStep DAY_STEP = new DayStep();
    private static final CheckinStep CHECKIN_STEP = new CheckinStep();

    private final Warehouse warehouse;
    /** PostgreSQL: the facts streamed and computed here; Snowflake: the statements, computed in the warehouse. */
    private final Recompute engine;

    private final int shards;
    private final Timer fullRefresh;
    private final Timer memberRefresh;
    private final Event<RiskChangesWritten> riskChanges;
    private final Timer checkinStep;
    private final Timer replay;
    private final Counter stepped;
    private final Counter replayed;
    private final Counter recomputed;

    public Recomputation(
            Warehouse warehouse,
            MeterRegistry registry,
            AnalyticsConfig config,
            Event<RiskChangesWritten> riskChanges) {
        this.warehouse = warehouse;
        this.engine = warehouse.postgres() ? new StreamedEngine() : new MetricsEngine(warehouse.dialect());
        this.riskChanges = riskChanges;
        // Snowflake: one slice. Its DELETEs of one table wait for one another's transactions (no bucket locks to
        // keep slices apart), and the warehouse runs each statement in parallel itself.
        this.shards = warehouse.postgres() ? config.refreshShards() : 1;
        this.fullRefresh = Timer.builder("goalcoach_analytics_refresh")
                .description("one recomputation in the warehouse: everyone")
                .tag("scope", "all")
                .register(registry);
        this.checkinStep = Timer.builder("goalcoach_analytics_checkin_step")
                .description("one check-in step in the warehouse: the members of a poll of batch notices")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.replay = Timer.builder("goalcoach_analytics_replay")
                .description("one replay from checkpoints in the warehouse: the members of a poll of batch notices"
                        + " with back-dated check-ins")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.stepped = batchMembers(registry, "stepped");
        this.replayed = batchMembers(registry, "replayed");
        this.recomputed = batchMembers(registry, "recomputed");
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
            try (Connection c = warehouse.connection()) {
                MetricsEngine.forgetAbsentMembers(c);
            }
        } else {
            try (Connection c = warehouse.connection()) {
                written(engine.refresh(c, asOf, members));
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
            MemberSlices.run(warehouse::connection, members, shards, (c, slice) -> {
                changes.addAndGet(engine.refresh(c, asOf, slice));
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
     * changed nothing), its members are recomputed. The step is PostgreSQL's: on Snowflake every member due is
     * recomputed (one set-based refresh, what that warehouse is for).
     */
    public int rollOver(List<UUID> members, Instant now) throws SQLException {
        if (!warehouse.postgres()) {
            inSlices(members, now);
            return 0;
        }
        List<UUID> stepped;
        try {
            stepped = MemberSlices.run(
                    warehouse::connection, members, shards, (c, slice) -> DAY_STEP.step(c, now, slice));
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

    /**
     * Brings the members a poll of batch notices named to now: {@code facts} (whose changes were facts only, each
     * with the earliest check-in day changed, or null) are stepped by today's check-ins ({@link CheckinStep}:
     * O(habits)) where the check-ins changed are of their today and their metrics are as of today, those whose changes
     * touched earlier days (back-dated check-ins) are continued from their habits' checkpoints ({@link
     * StreamedEngine#replay}); the rest and {@code others} are recomputed. Returns how many were stepped or replayed.
     * Should a step fail (its transaction then changed nothing), its members are recomputed. PostgreSQL's, like the
     * day's step: on Snowflake everyone is recomputed.
     */
    public int afterBatch(Map<UUID, LocalDate> facts, Collection<UUID> others, Instant now) throws SQLException {
        var rest = new LinkedHashSet<>(others);
        List<UUID> stepped = List.of();
        if (warehouse.postgres() && !facts.isEmpty()) {
            long started = System.nanoTime();
            int changes = 0;
            try (Connection c = warehouse.connection()) {
                var step = CHECKIN_STEP.step(c, now, facts);
                stepped = step.members();
                changes = step.riskChanges();
            } catch (SQLException e) {
                LOG.warnf("check-in step failed, recomputing instead: %s", e.getMessage());
            }
            checkinStep.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            written(changes); // counted: a step that changed no level asks the publisher for nothing
        }
        rest.addAll(facts.keySet());
        stepped.forEach(rest::remove);
        List<UUID> replayed = replay(facts, stepped, now);
        replayed.forEach(rest::remove);
        this.stepped.increment(stepped.size());
        this.replayed.increment(replayed.size());
        recomputed.increment(rest.size());
        if (!rest.isEmpty()) {
            recompute(List.copyOf(rest), now);
        }
        return stepped.size() + replayed.size();
    }

    /**
     * Continues from their checkpoints ({@link StreamedEngine#replay}) the members of {@code facts} whose changes
     * touched days before their today and whom the check-in's step left; returns whom it brought up. Should it fail
     * (its transaction then changed nothing), they are recomputed.
     */
    private List<UUID> replay(Map<UUID, LocalDate> facts, List<UUID> stepped, Instant now) {
        if (!(engine instanceof StreamedEngine streamed)) {
            return List.of();
        }
        var late = new HashMap<UUID, LocalDate>();
        facts.forEach((member, day) -> {
            if (day != null) {
                late.put(member, day);
            }
        });
        stepped.forEach(late::remove);
        if (late.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        try (Connection c = warehouse.connection()) {
            return streamed.replay(c, now, late);
        } catch (SQLException | RuntimeException e) {
            // one transaction: it changed nothing (a checkpoint the scope let through but the replay refused too)
            LOG.warnf("replay from checkpoints failed, recomputing instead: %s", e.getMessage());
            return List.of();
        } finally {
            replay.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            written(-1);
        }
    }

    /** The count of batch notices' members brought up to date {@code how}: stepped, replayed or recomputed. */
    private static Counter batchMembers(MeterRegistry registry, String how) {
        return Counter.builder("goalcoach_analytics_batch_members")
                .description("members named by batch notices: stepped by today's check-ins, replayed from their"
                        + " checkpoints (back-dated check-ins) or recomputed")
                .tag("how", how)
                .register(registry);
    }

    /** Tells the publisher, after the commits, that the outbox holds {@code rows} changes (-1: may hold some). */
    private void written(int rows) {
        if (rows != 0) {
            riskChanges.fire(new RiskChangesWritten(rows));
        }
    }

    private List<UUID> everyone() throws SQLException {
        var everyone = new ArrayList<UUID>();
        try (Connection c = warehouse.connection();
                var s = c.createStatement();
                var rs = s.executeQuery(warehouse.sql().everyone)) {
            while (rs.next()) {
                everyone.add(warehouse.dialect().uuid(rs, 1));
            }
        }
        return everyone;
    }
}
