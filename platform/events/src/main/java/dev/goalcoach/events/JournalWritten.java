package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A journal entry was written or edited: data of {@code journal.written}. The text travels so that coach-service
 * can read its sentiment; consumers other than the coach must not store it (the warehouse keeps only mood,
 * length and sentiment).
 */
public record JournalWritten(
        UUID entryId,
        UUID memberId,
        String text,
        Integer mood,
        boolean sharedWithMentor,
        long revision,
        Instant writtenAt) {}
