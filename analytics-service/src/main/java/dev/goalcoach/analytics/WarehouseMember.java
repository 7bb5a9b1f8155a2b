package dev.goalcoach.analytics;

import java.util.UUID;

/** Who a member is to the warehouse: their mentor, for authorization. */
public record WarehouseMember(UUID memberId, UUID mentorId) {}
