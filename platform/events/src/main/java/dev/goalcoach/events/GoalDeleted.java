package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/** A goal was deleted, with its habits and their check-ins. */
public record GoalDeleted(UUID goalId, UUID memberId, long revision, Instant deletedAt) {}
