package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/** A mentor's cohort after a change: data of {@code group.created}, {@code group.updated} and {@code group.deleted}. */
public record GroupSnapshot(UUID groupId, String name, UUID mentorId, long revision, Instant updatedAt) {}
