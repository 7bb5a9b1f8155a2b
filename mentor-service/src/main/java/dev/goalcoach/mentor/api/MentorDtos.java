package dev.goalcoach.mentor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.mentor.MentorNote;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
    public record Roster(UUID mentorId, String metrics, int openAlerts, List<Patient> patients) {}

    /**
     * One mentee with their current figures (null when none are computed yet or analytics could not answer), each of
     * their last 30 days' adherence in whole percent (oldest first, null where nothing was owed; empty without
     * figures), and how many of their alerts the mentor has not yet acknowledged.
     */
    public record Patient(
            UUID memberId,
            String displayName,
            Integer riskScore,
            String riskLevel,
            BigDecimal adherence7,
            BigDecimal adherence30,
            Integer currentStreak,
            List<Integer> last30,
            int openAlerts) {}

    /**
     * An at-risk alert: the mentee's risk rose to {@code level} (HIGH) on their local date {@code asOf}, with the
     * score and reasons then. {@code state}: {@code OPEN} (not yet seen), {@code ACKNOWLEDGED} (seen, still at
     * HIGH), {@code RESOLVED} (the level fell below HIGH since).
     */
    public record AlertView(
            UUID id,
            UUID memberId,
            String displayName,
            String level,
            String previousLevel,
            int score,
            JsonNode reasons,
            LocalDate asOf,
            Instant raisedAt,
            String state,
            Instant acknowledgedAt,
            UUID acknowledgedBy,
            Instant resolvedAt) {}

    /** One row of the audit, as the mentor (or an admin) reads it. */
    public record InteractionView(
            UUID id, UUID mentorId, UUID memberId, String kind, String outcome, String detail, Instant occurredAt) {}

    /**
     * One mentee as their mentor works with them, composed from the services that own each part (passed on as they
     * answered): profile, goals with plans, metrics with risk reasons, the 90-day series, the journal (mood and
     * sentiment; text only of shared entries), open plan suggestions; the mentor's own latest notes and
     * interactions, and the mentee's alerts not yet resolved. {@code sources} says where each part came from, or why it is missing.
     */
    public record PatientDashboard(
            UUID memberId,
            String displayName,
            String timezone,
            JsonNode goals,
            JsonNode metrics,
            JsonNode series,
            JsonNode journal,
            JsonNode suggestions,
            List<NoteView> notes,
            List<InteractionView> interactions,
            List<AlertView> alerts,
            Map<String, String> sources) {}

    /**
     * One time someone looked at or asked about the member's data, as the member reads it: who (their name as the
     * directory has it; none for someone erased since), when, what kind, whether it was refused. Not the words.
     */
    public record AccessEntry(UUID viewerId, String viewerName, String kind, String outcome, Instant at) {}

    /**
     * A question to the copilot: about one mentee ({@code patientId}), or without one about the whole roster.
     * {@code mentorId} defaults to the caller.
     */
    public record CopilotQuestion(
            UUID mentorId,
            UUID patientId,
            @NotBlank @Size(max = MAX_QUESTION) String message) {}

    public static final int MAX_QUESTION = 2_000;

    /**
     * The copilot's answer: which model gave it ({@code fallback}: the model failed, or its answers were not grounded
     * in the data, and the offline copilot answered), whether it is {@code degraded} and why (a part of the context
     * unavailable, a model answer not grounded), where each part of its context came from, and what it cost.
     */
    public record CopilotAnswer(
            String reply,
            UUID patientId,
            String provider,
            String model,
            boolean fallback,
            boolean degraded,
            String degradedReason,
            Map<String, String> contextUsed,
            int inputTokens,
            int outputTokens,
            long latencyMs) {}

    private MentorDtos() {}
}
