package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The state of a member after a change: data of {@code member.created} and {@code member.updated}. Carries no
 * email or credentials: other services need who someone is to whom, and when their day starts, not how to reach
 * them. {@code revision} grows with every change so a consumer can ignore an older snapshot.
 */
public record MemberSnapshot(
        UUID memberId,
        String displayName,
        String role,
        String timezone,
        UUID mentorId,
        UUID groupId,
        long revision,
        Instant createdAt,
        Instant updatedAt) {}
