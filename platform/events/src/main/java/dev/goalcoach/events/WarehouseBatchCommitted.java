package dev.goalcoach.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * sync-service committed a batch to the warehouse: the members whose rows changed (analytics recomputes exactly
 * those) and the newest business time in the batch (how fresh the warehouse now is).
 */
public record WarehouseBatchCommitted(
        UUID batchId, List<UUID> memberIds, int eventCount, Instant newestEventTime, Instant committedAt) {}
