package dev.goalcoach.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** coach-service read a journal entry's sentiment: score −1…1, a label, the emotions it found. */
public record JournalAnalyzed(
        UUID entryId,
        UUID memberId,
        long entryRevision,
        double score,
        String label,
        List<String> emotions,
        String provider,
        String model,
        Instant analyzedAt) {}
