package dev.goalcoach.coach.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.goalcoach.coach.CoachingJob;
import dev.goalcoach.coach.CoachingTexts;
import dev.goalcoach.coach.HabitTally;
import dev.goalcoach.coach.NotificationKind;
import dev.goalcoach.coach.offline.OfflineCoach;
import dev.goalcoach.coach.repository.CoachingFigures;
import dev.goalcoach.coach.repository.CoachingFigures.Trigger;
import dev.goalcoach.coach.repository.CoachingRecords;
import dev.goalcoach.coach.repository.CoachingRecords.Author;
import dev.goalcoach.coach.repository.GoalProjection;
import dev.goalcoach.coach.repository.NotificationPreferences;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.SuggestionProposed;
import dev.goalcoach.kit.ai.AiModel;
import dev.goalcoach.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The scheduled coaching. Every few minutes each job looks for members whose own local time has reached its hour
 * — the reminder at 07:00 daily, the weekly review Monday 09:00 (and each cohort's post, Monday 09:00 in its
 * mentor's zone), plan suggestions Wednesday 10:00, the monthly report on the 1st at 08:00 — and serves those
 * not yet served this period. Once per period, however many replicas and runs: one replica runs a job at a time
 * (a transaction-scoped advisory lock), and each effect commits with its mark (job, member, period), which a
 * second run finds. An admin can run any job now ({@code POST /coach/jobs/{job}/run}). A reminder, review or report
 * is also mailed where the member chose it ({@link CoachMails}), queued in that same transaction.
 */
@ApplicationScoped
public class CoachingJobs {

    /** The weekly review's second part, a post per cohort; its marks say which members a post counted. */
    static final String GROUP_FEED = "group-feed";

    private static final Logger LOG = Logger.getLogger(CoachingJobs.class);
    private static final String PROVIDER = AiModel.OFFLINE;
    private static final String MODEL = OfflineCoach.MODEL;
    private static final Author AUTHOR = new Author(PROVIDER, MODEL);
    private static final String REVIEW_CONTEXT =
            "{\"figures\":\"coach-service\",\"job\":\"" + CoachingJob.WEEKLY_REVIEW.id() + "\"}";

    private final CoachingFigures figures;
    private final GoalProjection projection;
    private final CoachingRecords records;
    private final Outbox outbox;
    private final NotificationPreferences preferences;
    private final CoachMails mails;
    private final Clock clock;

    public CoachingJobs(
            CoachingFigures figures,
            GoalProjection projection,
            CoachingRecords records,
            Outbox outbox,
            NotificationPreferences preferences,
            CoachMails mails,
            Clock clock) {
        this.figures = figures;
        this.preferences = preferences;
        this.mails = mails;
        this.records = records;
        this.projection = projection;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(
            every = "${goalcoach.coach.jobs.every}",
            delayed = "${goalcoach.coach.jobs.delayed}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        Instant now = clock.instant();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CoachingJob job : CoachingJob.values()) {
            chain = chain.chain(() -> run(job, now)
                    .onFailure()
                    .recoverWithItem(e -> {
                        LOG.errorf(e, "coaching job %s failed; the next tick tries again", job.id());
                        return 0;
                    })
                    .replaceWithVoid());
        }
        return chain;
    }

    /**
     * Runs {@code job} as at {@code now} for those it is due for; answers how many members (or cohorts) it served, 0
     * if another replica is at it (the scheduled tick: the next one comes).
     */
    public Uni<Integer> run(CoachingJob job, Instant now) {
        return run(job, now, false, false);
    }

    /**
     * An admin's run: like {@link #run(CoachingJob, Instant)} but it waits its turn while another run holds the job
     * (so what it answers is what it served, never a busy 0); {@code anyTime}: for every member (or cohort) whose
     * period it has not served yet, whatever their local day and hour (a catch-up after an outage, a demo's
     * suggestions on a Tuesday). Once per period holds either way.
     */
    public Uni<Integer> run(CoachingJob job, Instant now, boolean anyTime) {
        return run(job, now, anyTime, true);
    }

    private Uni<Integer> run(CoachingJob job, Instant now, boolean anyTime, boolean waitTurn) {
        return Panache.withTransaction(() -> records.lockJob(job.id(), waitTurn)
                        .chain(locked -> !locked
                                ? Uni.createFrom().item(0)
                                : switch (job) {
                                    case REMINDERS -> reminders(now, anyTime);
                                    case WEEKLY_REVIEW -> weeklyReviews(now, anyTime);
                                    case SUGGESTIONS -> suggestions(now, anyTime);
                                    case MONTHLY_REPORT -> monthlyReports(now, anyTime);
                                }))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("coaching job %s served %d", job.id(), n);
                    }
                });
    }

    private Uni<Integer> reminders(Instant now, boolean anyTime) {
        return figures.due(Trigger.REMINDER, CoachingJob.REMINDERS.id(), now, false, anyTime)
                .chain(rows -> forEachMember(
                        rows,
                        member -> CoachingTexts.reminder(member)
                                .map(text -> records.mark(
                                                CoachingJob.REMINDERS.id(),
                                                member.get(0).memberId(),
                                                member.get(0).period(),
                                                now)
                                        .chain(first -> !first
                                                ? Uni.createFrom().item(0)
                                                : notify(
                                                        member.get(0),
                                                        NotificationKind.REMINDER,
                                                        "Today's habits",
                                                        text,
                                                        now)))
                                .orElse(Uni.createFrom().item(0))))
                .call(() -> projection.prune(now.atZone(ZoneOffset.UTC).toLocalDate()));
    }

    private Uni<Integer> weeklyReviews(Instant now, boolean anyTime) {
        Uni<Integer> members = figures.due(Trigger.WEEKLY_REVIEW, CoachingJob.WEEKLY_REVIEW.id(), now, false, anyTime)
                .chain(rows -> forEachMember(rows, member -> {
                    var first = member.get(0);
                    String text = CoachingTexts.weeklyReview(member);
                    return records.mark(CoachingJob.WEEKLY_REVIEW.id(), first.memberId(), first.period(), now)
                            .chain(marked -> !marked
                                    ? Uni.createFrom().item(0)
                                    : records.coachMessage(first.memberId(), text, REVIEW_CONTEXT, AUTHOR, now)
                                            .chain(() -> notify(
                                                    first,
                                                    NotificationKind.WEEKLY_REVIEW,
                                                    "Your week in review",
                                                    text,
                                                    now)));
                }));
        return members.chain(served -> figures.due(Trigger.WEEKLY_REVIEW, GROUP_FEED, now, true, anyTime)
                .chain(rows -> {
                    Map<UUID, List<HabitTally>> byGroup = new LinkedHashMap<>();
                    rows.stream()
                            .filter(r -> r.groupId() != null)
                            .forEach(r -> byGroup.computeIfAbsent(r.groupId(), g -> new ArrayList<>())
                                    .add(r));
                    Uni<Integer> chain = Uni.createFrom().item(served);
                    for (var group : byGroup.entrySet()) {
                        String period = group.getValue().get(0).period();
                        // its members marked as counted this week: later ticks do not tally the cohort again
                        for (UUID member : group.getValue().stream()
                                .map(HabitTally::memberId)
                                .distinct()
                                .toList()) {
                            chain = chain.call(() -> records.mark(GROUP_FEED, member, period, now));
                        }
                        var text = CoachingTexts.groupPost(group.getValue());
                        if (text.isEmpty()) {
                            continue;
                        }
                        chain = chain.chain(n -> records.feedPost(group.getKey(), period, text.get(), AUTHOR, now)
                                .map(posted -> n + posted));
                    }
                    return chain;
                }));
    }

    private Uni<Integer> suggestions(Instant now, boolean anyTime) {
        return figures.due(Trigger.SUGGESTIONS, CoachingJob.SUGGESTIONS.id(), now, false, anyTime)
                .chain(rows -> forEachMember(rows, member -> {
                    var first = member.get(0);
                    return records.mark(CoachingJob.SUGGESTIONS.id(), first.memberId(), first.period(), now)
                            .chain(marked -> {
                                var proposal = CoachingTexts.suggestion(member);
                                if (!marked || proposal.isEmpty()) {
                                    return Uni.createFrom().item(0);
                                }
                                return outbox.append(
                                                EventCatalog.SUGGESTION_PROPOSED,
                                                first.memberId(),
                                                proposed(proposal.get(), now),
                                                now)
                                        .replaceWith(1);
                            });
                }));
    }

    private Uni<Integer> monthlyReports(Instant now, boolean anyTime) {
        return figures.due(Trigger.MONTHLY_REPORT, CoachingJob.MONTHLY_REPORT.id(), now, false, anyTime)
                .chain(rows -> forEachMember(rows, member -> {
                    var first = member.get(0);
                    var report = CoachingTexts.monthlyReport(first.period(), member);
                    return records.mark(CoachingJob.MONTHLY_REPORT.id(), first.memberId(), first.period(), now)
                            .chain(marked -> !marked
                                    ? Uni.createFrom().item(0)
                                    : records.report(
                                                    first.memberId(),
                                                    first.period(),
                                                    json(report.figures()),
                                                    report.text(),
                                                    AUTHOR,
                                                    now)
                                            .chain(() -> notify(
                                                    first,
                                                    NotificationKind.MONTHLY_REPORT,
                                                    "Your " + first.period() + " report",
                                                    report.text(),
                                                    now)));
                }));
    }

    private static Uni<Integer> forEachMember(List<HabitTally> rows, Function<List<HabitTally>, Uni<Integer>> serve) {
        Map<UUID, List<HabitTally>> byMember = new LinkedHashMap<>();
        rows.forEach(r ->
                byMember.computeIfAbsent(r.memberId(), m -> new ArrayList<>()).add(r));
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (var member : byMember.values()) {
            chain = chain.chain(n -> serve.apply(member).map(served -> n + served));
        }
        return chain;
    }

    /**
     * A notification as the member chose: in the app (unless they turned that off) and by mail ({@link CoachMails}:
     * chosen, to a verified address, outside quiet hours), in the job's transaction with its mark.
     */
    private Uni<Integer> notify(HabitTally member, NotificationKind kind, String title, String body, Instant now) {
        return preferences
                .of(member.memberId(), now)
                .chain(p -> (p.inApp()
                                ? records.notification(
                                        member.memberId(), kind.name(), member.period(), title, body, AUTHOR, now)
                                : Uni.createFrom().item(1))
                        .call(() -> mails.send(member.memberId(), kind, title, body, p, now)));
    }

    static SuggestionProposed proposed(CoachingTexts.Proposal p, Instant now) {
        var r = p.habit();
        boolean target = p.targetValue() != null;
        var habit = target
                ? null
                : new PlanGenerated.PlannedHabit(
                        r.title(),
                        p.scheduleType(),
                        p.days() == null
                                ? null
                                : p.days().stream().map(DayOfWeek::name).toList(),
                        p.timesPerWeek(),
                        p.everyNDays(),
                        null,
                        r.targetValue(),
                        r.targetUnit(),
                        r.targetDirection(),
                        null);
        return new SuggestionProposed(
                UUID.randomUUID(),
                r.goalId(),
                r.memberId(),
                target ? "CHANGE_TARGET" : "CHANGE_SCHEDULE",
                r.habitId(),
                habit,
                p.targetValue(),
                p.reason(),
                PROVIDER,
                MODEL,
                now);
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
