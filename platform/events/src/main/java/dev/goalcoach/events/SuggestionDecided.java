package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/** A plan suggestion was accepted (and applied) or rejected, by the member or their mentor. */
public record SuggestionDecided(
        UUID suggestionId,
        UUID goalId,
        UUID memberId,
        String decision,
        UUID decidedBy,
        String decidedByRole,
        String note,
        Instant decidedAt) {}
