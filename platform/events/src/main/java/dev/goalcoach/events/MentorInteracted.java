package dev.goalcoach.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A mentor looked at or asked about a mentee's data, or was refused: data of {@code mentor.interaction.recorded}.
 * Never its words (no question, answer or context: those stay in mentor-service's audit): for the warehouse's
 * {@code fact_mentor_interactions}. {@code memberId} is absent for a question about the mentor's whole roster.
 */
public record MentorInteracted(
        UUID interactionId,
        UUID mentorId,
        UUID memberId,
        String kind,
        String outcome,
        String provider,
        String model,
        Integer tokens,
        List<String> contextParts,
        Instant occurredAt) {}
