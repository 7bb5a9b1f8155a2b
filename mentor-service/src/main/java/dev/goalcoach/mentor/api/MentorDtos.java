package dev.goalcoach.mentor.api;

import dev.goalcoach.mentor.MentorNote;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** mentor-service's requests and answers. */
public final class MentorDtos {

    /** A new note about a mentee. */
    public record NoteRequest(
            @NotNull UUID memberId,
            @NotBlank @Size(max = MentorNote.MAX_TEXT) String text) {}

    /** A note's new text. */
    public record NoteUpdate(
            @NotBlank @Size(max = MentorNote.MAX_TEXT) String text) {}

    public record NoteView(
            UUID id, UUID mentorId, UUID memberId, String text, long revision, Instant createdAt, Instant updatedAt) {

        public static NoteView of(MentorNote n) {
            return new NoteView(n.id, n.mentorId, n.memberId, n.text, n.revision, n.createdAt, n.updatedAt);
        }
    }

    /**
     * A mentor's mentees, riskiest first, and where their figures came from: {@code analytics-service}, or
     * {@code unavailable} (the list is then the member directory's, without figures).
     */
    public record Roster(UUID mentorId, String metrics, List<Patient> patients) {}

    /** One mentee with their current figures (null when none are computed yet or analytics could not answer). */
    public record Patient(
            UUID memberId,
            String displayName,
            Integer riskScore,
            String riskLevel,
            BigDecimal adherence7,
            BigDecimal adherence30,
            Integer currentStreak) {}

    /** One row of the audit, as the mentor (or an admin) reads it. */
    public record InteractionView(
            UUID id, UUID mentorId, UUID memberId, String kind, String outcome, String detail, Instant occurredAt) {}

    private MentorDtos() {}
}
