package dev.goalcoach.coach.api;

import dev.goalcoach.coach.ChatMessage;
import dev.goalcoach.coach.Plan;
import dev.goalcoach.kit.validation.CalendarDate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The JSON coach-service reads and answers. */
public final class CoachDtos {

    /** A goal to plan for, without creating it. */
    public record PlanPreviewRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 2000) String description,

            @Pattern(regexp = "FITNESS|LEARNING|HEALTH|MINDFULNESS|FINANCE|CAREER|OTHER")
            String theme,

            @Min(1) @Max(10080) Integer minutesPerWeek,
            @Size(max = 6) Set<DayOfWeek> unavailableDays,
            @CalendarDate LocalDate targetDate) {}

    /** A plan and what made it. {@code weeklyMinutes}: what its habits take in a week, against the budget. */
    public record PlanView(
            String outcome,
            String provider,
            String model,
            String rationale,
            Integer weeklyBudget,
            int weeklyMinutes,
            List<Plan.Subgoal> subgoals,
            List<Plan.Habit> habits) {}

    /** A member's message to the coach. {@code userId} (the old frontend sends it) must be the caller. */
    public record ChatRequest(
            @NotNull @Size(max = ChatMessage.MAX_MESSAGE) String message, UUID userId) {}

    /**
     * The coach's reply: what it said, who wrote it, the context it used and what it cost. {@code degraded}: a part of
     * the context could not be fetched, or the model's answer was not grounded in it and the offline coach's stands
     * in; {@code degradedReason} says which (null when not degraded).
     */
    public record ChatReply(
            UUID id,
            UUID userId,
            String reply,
            String provider,
            String model,
            boolean fallback,
            boolean degraded,
            String degradedReason,
            Map<String, String> contextUsed,
            Integer inputTokens,
            Integer outputTokens,
            Long latencyMs,
            Instant createdAt) {}

    /** One message of the conversation, the member's or the coach's. */
    public record MessageView(
            UUID id,
            String role,
            String text,
            String provider,
            String model,
            Map<String, String> contextUsed,
            Instant createdAt) {}

    /** Quiet hours in the member's own zone, {@code HH:mm} each; past midnight when start is after end. */
    public record QuietHoursView(
            @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm")
            String start,

            @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm")
            String end) {}

    /**
     * What a member gets from the scheduled coaching, and how: in the app, by mail (which kinds), quiet hours. The
     * answer also says where mail would go and whether that address is verified (mail goes to a verified one only).
     */
    public record PreferencesView(
            boolean inApp,
            boolean email,
            Set<String> emailKinds,
            QuietHoursView quietHours,
            String emailAddress,
            boolean emailVerified) {}

    /** A member's choices: every field stated (what is left out is an error, not a default). */
    public record PreferencesRequest(
            @NotNull Boolean inApp,
            @NotNull Boolean email,

            @NotNull @Size(max = 3)
            Set<
                            @NotNull
                            @Pattern(
                                    regexp = "REMINDER|WEEKLY_REVIEW|MONTHLY_REPORT",
                                    message = "must be REMINDER, WEEKLY_REVIEW or MONTHLY_REPORT")
                            String>
                    emailKinds,

            @jakarta.validation.Valid QuietHoursView quietHours) {}

    public record NotificationView(
            UUID id,
            String kind,
            String period,
            String title,
            String body,
            String provider,
            String model,
            Instant createdAt) {}

    public record FeedPostView(
            UUID id, UUID groupId, String period, String text, String provider, String model, Instant createdAt) {}

    public record ReportView(
            UUID id,
            UUID memberId,
            String month,
            Map<String, Object> figures,
            String text,
            String provider,
            String model,
            Instant createdAt) {}

    /** What a job run served: members (or, for the weekly review, members and cohorts). */
    public record JobRun(String job, Instant at, int served) {}

    private CoachDtos() {}
}
