package dev.goalcoach.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * sync-service committed a batch to the warehouse: the members whose rows changed (analytics recomputes exactly
 * those), the newest business time in the batch (how fresh the warehouse now is), and {@code factsOnly}: of those
 * members, the ones whose changes in the batch were facts no metric's shape depends on (check-ins logged, corrected
 * or retracted; journal entries, their reading, coach events, mentor interactions: no member, goal or habit, no
 * erasure), each with the earliest day of a check-in changed (none: no check-in). Analytics steps a member whose
 * changed check-ins are all of their today instead of recomputing them. Absent in notices of older loaders: every
 * member is then recomputed.
 */
public record WarehouseBatchCommitted(
        UUID batchId,
        List<UUID> memberIds,
        int eventCount,
        Instant newestEventTime,
        Instant committedAt,
        List<FactsOnly> factsOnly) {

    /** A member whose changes were facts only, with the earliest check-in day changed (null: no check-in). */
    public record FactsOnly(UUID memberId, LocalDate earliestCheckinDay) {}

    /** A notice that says nothing of what changed: its members are recomputed. */
    public WarehouseBatchCommitted(
            UUID batchId, List<UUID> memberIds, int eventCount, Instant newestEventTime, Instant committedAt) {
        this(batchId, memberIds, eventCount, newestEventTime, committedAt, null);
    }
}
