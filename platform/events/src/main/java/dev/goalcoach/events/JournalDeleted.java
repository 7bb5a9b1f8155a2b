package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/** A journal entry was deleted by its member. */
public record JournalDeleted(UUID entryId, UUID memberId, long revision, Instant deletedAt) {}
