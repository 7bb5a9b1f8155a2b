package dev.goalcoach.analytics.service;

import dev.goalcoach.analytics.metrics.Recomputation;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Recomputes members' metrics and forgets what was cached of them, whether or not the work got through. */
@ApplicationScoped
public class Refresh {

    private final Recomputation recomputation;
    private final MetricsReads reads;
    private final Clock clock;

    public Refresh(Recomputation recomputation, MetricsReads reads, Clock clock) {
        this.recomputation = recomputation;
        this.reads = reads;
        this.clock = clock;
    }

    /** Recomputes these members (null: everyone) as of now. */
    public void recompute(Collection<UUID> members) throws SQLException {
        try {
            recomputation.recompute(members, clock.instant());
        } finally {
            reads.forget(members);
        }
    }

    /**
     * Brings the members of a poll of batch notices to now: {@code facts} (changes were facts only, with the earliest
     * check-in day) stepped where they can be, the rest and {@code others} recomputed; answers how many were stepped.
     */
    public int afterBatch(Map<UUID, LocalDate> facts, Collection<UUID> others) throws SQLException {
        var all = new ArrayList<UUID>(others);
        all.addAll(facts.keySet());
        try {
            return recomputation.afterBatch(facts, others, clock.instant());
        } finally {
            reads.forget(all);
        }
    }

    /** Brings members whose day rolled over to {@code now}; answers how many were stepped rather than recomputed. */
    public int rollOver(List<UUID> members, Instant now) throws SQLException {
        try {
            return recomputation.rollOver(members, now);
        } finally {
            reads.forget(members);
        }
    }
}
