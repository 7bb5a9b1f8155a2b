package dev.goalcoach.analytics.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.goalcoach.analytics.CohortKind;
import dev.goalcoach.analytics.WarehouseMember;
import dev.goalcoach.analytics.api.AnalyticsViews.Cohort;
import dev.goalcoach.analytics.api.AnalyticsViews.CohortPage;
import dev.goalcoach.analytics.api.AnalyticsViews.Day;
import dev.goalcoach.analytics.api.AnalyticsViews.MemberMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.RosterEntry;
import dev.goalcoach.analytics.config.AnalyticsConfig;
import dev.goalcoach.analytics.repository.CohortRepository;
import dev.goalcoach.analytics.repository.MemberMetricsRepository;
import dev.goalcoach.analytics.repository.MetricsChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics as the warehouse holds them, with a cache in front of each member's metrics and each mentor's roster
 * that a recomputation empties ({@link #forget}). Both are bounded ({@code GOALCOACH_ANALYTICS_CACHED_MEMBERS},
 * {@code _ROSTERS}): a replica serving a million members keeps the ones read most, not all of them; their size, hits
 * and misses are in the metrics ({@code cache_*{cache="analytics-members"|"analytics-rosters"}}).
 */
@ApplicationScoped
public class MetricsReads {

    private final MemberMetricsRepository repository;
    private final CohortRepository cohorts;
    private final MetricsChanges changes;
    private final Cache<UUID, Versioned<Instant, MemberMetrics>> cache;
    private final Cache<UUID, Versioned<String, List<RosterEntry>>> rosters;
    private final AtomicLong recomputations = new AtomicLong();

    public MetricsReads(
            MemberMetricsRepository repository,
            CohortRepository cohorts,
            MetricsChanges changes,
            AnalyticsConfig config,
            MeterRegistry registry) {
        this.repository = repository;
        this.cohorts = cohorts;
        this.changes = changes;
        // evictions done on the caller's thread: the bound holds at every read, not later
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cachedMembers())
                .executor(Runnable::run)
                .recordStats()
                .build();
        this.rosters = Caffeine.newBuilder()
                .maximumSize(config.cachedRosters())
                .executor(Runnable::run)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "analytics-members");
        CaffeineCacheMetrics.monitor(registry, rosters, "analytics-rosters");
    }

    /**
     * A member's metrics; {@code version} is when they were last written, as the warehouse says now ({@link
     * WarehouseMember#metricsAt}): what is cached under another version was written before another replica's
     * recomputation (or this one's), and is read again. What is read after the version was seen is at least that
     * new, so a member's metrics never move back, whichever replica answers.
     */
    public MemberMetrics metrics(UUID memberId, Instant version) throws SQLException {
        var cached = cache.getIfPresent(memberId);
        if (cached != null && Objects.equals(cached.version(), version)) {
            return cached.value();
        }
        long generation = recomputations.get();
        var fresh = repository.read(memberId);
        if (generation == recomputations.get()) { // no recomputation finished meanwhile: safe to keep
            cache.put(memberId, new Versioned<>(version, fresh));
        }
        return fresh;
    }

    /** What is cached, with the version of the warehouse's rows it was read at (or after). */
    private record Versioned<V, T>(V version, T value) {}

    /**
     * Every mentee of {@code mentorId}, the riskiest first (not yet computed: last), then by name. Cached per
     * mentor; any recomputation empties it (a mentee's figures, or who mentors whom, may have changed), this
     * replica's at once, another's when its commit is announced here ({@link MetricsChanges}).
     */
    public List<RosterEntry> roster(UUID mentorId) throws SQLException {
        // another replica's recomputation of a mentee moves the version; this one's also empties the cache. Where
        // the warehouse announces its writes, the count of announcements is the version (nothing asked per read);
        // where it does not (Snowflake, the listening connection lost), the warehouse is asked
        String version = changes.live() ? "seen " + changes.seen() : repository.rosterVersion(mentorId);
        var cached = rosters.getIfPresent(mentorId);
        if (cached != null && cached.version().equals(version)) {
            return cached.value();
        }
        long generation = recomputations.get();
        var fresh = repository.roster(mentorId);
        if (generation == recomputations.get()) { // no recomputation finished meanwhile: safe to keep
            rosters.put(mentorId, new Versioned<>(version, fresh));
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
        rosters.invalidateAll();
        if (members == null) {
            cache.invalidateAll();
        } else {
            cache.invalidateAll(members);
        }
    }
}
