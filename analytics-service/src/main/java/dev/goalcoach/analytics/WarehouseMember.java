package dev.goalcoach.analytics;

import java.time.Instant;
import java.util.UUID;

/**
 * Who a member is to the warehouse: their mentor, for authorization; and when their metrics were last written
 * ({@code metricsAt}, null before the first time), by whichever replica wrote them.
 */
public record WarehouseMember(UUID memberId, UUID mentorId, Instant metricsAt) {}
