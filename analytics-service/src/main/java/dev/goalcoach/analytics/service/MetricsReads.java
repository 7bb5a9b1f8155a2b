package dev.goalcoach.analytics.service;

import dev.goalcoach.analytics.CohortKind;
import dev.goalcoach.analytics.WarehouseMember;
import dev.goalcoach.analytics.api.AnalyticsViews.Cohort;
import dev.goalcoach.analytics.api.AnalyticsViews.CohortPage;
import dev.goalcoach.analytics.api.AnalyticsViews.Day;
import dev.goalcoach.analytics.api.AnalyticsViews.MemberMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.RosterEntry;
import dev.goalcoach.analytics.repository.CohortRepository;
import dev.goalcoach.analytics.repository.MemberMetricsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics as the warehouse holds them, with a cache in front of each member's metrics and each mentor's roster
 * that a recomputation empties ({@link #forget}).
 */
@ApplicationScoped
public class MetricsReads {

    private final MemberMetricsRepository repository;
    private final CohortRepository cohorts;
    private final Map<UUID, MemberMetrics> cache = new ConcurrentHashMap<>();
    private final Map<UUID, List<RosterEntry>> rosters = new ConcurrentHashMap<>();
    private final AtomicLong recomputations = new AtomicLong();

    public MetricsReads(MemberMetricsRepository repository, CohortRepository cohorts) {
        this.repository = repository;
        this.cohorts = cohorts;
    }

    public MemberMetrics metrics(UUID memberId) throws SQLException {
        var cached = cache.get(memberId);
        if (cached != null) {
            return cached;
        }
        long generation = recomputations.get();
        var fresh = repository.read(memberId);
        if (generation == recomputations.get()) { // no recomputation finished meanwhile: safe to keep
            cache.put(memberId, fresh);
        }
        return fresh;
    }

    /**
     * Every mentee of {@code mentorId}, the riskiest first (not yet computed: last), then by name. Cached per
     * mentor; any recomputation empties it (a mentee's figures, or who mentors whom, may have changed).
     */
    public List<RosterEntry> roster(UUID mentorId) throws SQLException {
        var cached = rosters.get(mentorId);
        if (cached != null) {
            return cached;
        }
        long generation = recomputations.get();
        var fresh = repository.roster(mentorId);
        if (generation == recomputations.get()) { // no recomputation finished meanwhile: safe to keep
            rosters.put(mentorId, fresh);
        }
        return fresh;
    }

    /** The last 90 member-local days, oldest first (empty before the first recomputation). */
    public List<Day> series(UUID memberId) throws SQLException {
        return repository.series(memberId);
    }

    public Optional<WarehouseMember> member(UUID memberId) throws SQLException {
        return repository.member(memberId);
    }

    /** One page of every cohort of a kind (admin's overview). */
    public CohortPage cohorts(CohortKind kind, int page, int size) throws SQLException {
        return cohorts.page(kind, page, size);
    }

    /** One cohort, if it exists. */
    public Optional<Cohort> cohort(CohortKind kind, UUID id) throws SQLException {
        return cohorts.one(kind, id);
    }

    /**
     * Empties what a recomputation of these members (null: everyone) made stale: their cached metrics and every
     * roster. The generation moves first, so a read that started before and ends after is not cached.
     */
    public void forget(Collection<UUID> members) {
        recomputations.incrementAndGet();
        rosters.clear();
        if (members == null) {
            cache.clear();
        } else {
            members.forEach(cache::remove);
        }
    }
}
