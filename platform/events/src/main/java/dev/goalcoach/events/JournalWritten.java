package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A journal entry was written or edited: data of {@code journal.written}. It never carries the entry's text
 * (decisions/0012): coach-service fetches the text of this revision from goal-service, and the warehouse keeps
 * its length. {@code text} is only in the records published before that change, which stay on the topic and must
 * stay readable on replay; {@code textLength} is in every record published since.
 */
public record JournalWritten(
        UUID entryId,
        UUID memberId,
        /* records published before 2026-11-30 only; consumers must not use or keep it */
        String text,
        Integer textLength,
        Integer mood,
        boolean sharedWithMentor,
        long revision,
        Instant writtenAt) {

    /** An entry's event as published now: its length, never its text. */
    public static JournalWritten of(
            UUID entryId, UUID memberId, int textLength, Integer mood, boolean shared, long revision, Instant at) {
        return new JournalWritten(entryId, memberId, null, textLength, mood, shared, revision, at);
    }

    /** The entry's length in characters, from either shape of the record. */
    public int length() {
        return textLength != null ? textLength : text.length();
    }
}
