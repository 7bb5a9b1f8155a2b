package dev.goalcoach.analytics.service;

import dev.goalcoach.analytics.metrics.Recomputation;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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

    /** Brings members whose day rolled over to {@code now}; answers how many were stepped rather than recomputed. */
    public int rollOver(List<UUID> members, Instant now) throws SQLException {
        try {
            return recomputation.rollOver(members, now);
        } finally {
            reads.forget(members);
        }
    }
}
