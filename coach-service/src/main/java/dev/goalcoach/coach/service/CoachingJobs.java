package dev.goalcoach.coach.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.coach.CoachingTexts;
import dev.goalcoach.coach.HabitTally;
import dev.goalcoach.coach.ai.CoachModel;
import dev.goalcoach.coach.offline.OfflineCoach;
import dev.goalcoach.coach.repository.CoachingFigures;
import dev.goalcoach.coach.repository.CoachingFigures.Trigger;
import dev.goalcoach.coach.repository.GoalProjection;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.SuggestionProposed;
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
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The scheduled coaching. Every few minutes each job looks for members whose own local time has reached its hour
 * — the reminder at 07:00 daily, the weekly review Monday 09:00 (and each cohort's post, Monday 09:00 in its
 * mentor's zone), plan suggestions Wednesday 10:00, the monthly report on the 1st at 08:00 — and serves those
 * not yet served this period. Once per period, however many replicas and runs: one replica runs a job at a time
 * (a transaction-scoped advisory lock), and each effect commits with its mark (job, member, period), which a
 * second run finds. An admin can run any job now ({@code POST /coach/jobs/{job}/run}).
 */
@ApplicationScoped
public class CoachingJobs {

    public static final String REMINDERS = "reminders";
    public static final String WEEKLY_REVIEW = "weekly-review";
    public static final String SUGGESTIONS = "suggestions";
    public static final String MONTHLY_REPORT = "monthly-report";
    public static final List<String> JOBS = List.of(REMINDERS, WEEKLY_REVIEW, SUGGESTIONS, MONTHLY_REPORT);
    /** The weekly review's second part, a post per cohort; its marks say which members a post counted. */
    static final String GROUP_FEED = "group-feed";

    private static final Logger LOG = Logger.getLogger(CoachingJobs.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = CoachModel.OFFLINE;
    private static final String MODEL = OfflineCoach.MODEL;

    private final CoachingFigures figures;
    private final GoalProjection projection;
    private final Outbox outbox;
    private final Clock clock;

    public CoachingJobs(CoachingFigures figures, GoalProjection projection, Outbox outbox, Clock clock) {
        this.figures = figures;
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
        for (String job : JOBS) {
            chain = chain.chain(() -> run(job, now)
                    .onFailure()
                    .recoverWithItem(e -> {
                        LOG.errorf(e, "coaching job %s failed; the next tick tries again", job);
                        return 0;
                    })
                    .replaceWithVoid());
        }
        return chain;
    }

    /** Runs {@code job} as at {@code now}; answers how many members (or cohorts) it served, 0 if another replica is at it. */
    public Uni<Integer> run(String job, Instant now) {
        if (!JOBS.contains(job)) {
            return Uni.createFrom().failure(new IllegalArgumentException("no job " + job));
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery(
                                        "select pg_try_advisory_xact_lock(hashtext(:key))", Boolean.class)
                                .setParameter("key", "goalcoach.coach.job." + job)
                                .getSingleResult()
                                .chain(locked -> !locked
                                        ? Uni.createFrom().item(0)
                                        : switch (job) {
                                            case REMINDERS -> reminders(s, now);
                                            case WEEKLY_REVIEW -> weeklyReviews(s, now);
                                            case SUGGESTIONS -> suggestions(s, now);
                                            default -> monthlyReports(s, now);
                                        })))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("coaching job %s served %d", job, n);
                    }
                });
    }

    private Uni<Integer> reminders(Mutiny.Session s, Instant now) {
        return figures.due(Trigger.REMINDER, REMINDERS, now, false)
                .chain(rows -> forEachMember(
                        rows,
                        member -> CoachingTexts.reminder(member)
                                .map(text -> mark(
                                                s,
                                                REMINDERS,
                                                member.get(0).memberId(),
                                                member.get(0).period(),
                                                now)
                                        .chain(first -> !first
                                                ? Uni.createFrom().item(0)
                                                : notify(s, member.get(0), "REMINDER", "Today's habits", text, now)))
                                .orElse(Uni.createFrom().item(0))))
                .call(() -> projection.prune(now.atZone(ZoneOffset.UTC).toLocalDate()));
    }

    private Uni<Integer> weeklyReviews(Mutiny.Session s, Instant now) {
        Uni<Integer> members = figures.due(Trigger.WEEKLY_REVIEW, WEEKLY_REVIEW, now, false)
                .chain(rows -> forEachMember(rows, member -> {
                    var first = member.get(0);
                    String text = CoachingTexts.weeklyReview(member);
                    return mark(s, WEEKLY_REVIEW, first.memberId(), first.period(), now)
                            .chain(marked -> !marked
                                    ? Uni.createFrom().item(0)
                                    : coachMessage(s, first.memberId(), text, now)
                                            .chain(() -> notify(
                                                    s, first, "WEEKLY_REVIEW", "Your week in review", text, now)));
                }));
        return members.chain(served -> figures.due(Trigger.WEEKLY_REVIEW, GROUP_FEED, now, true)
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
                            chain = chain.call(() -> mark(s, GROUP_FEED, member, period, now));
                        }
                        var text = CoachingTexts.groupPost(group.getValue());
                        if (text.isEmpty()) {
                            continue;
                        }
                        chain = chain.chain(n -> s.createNativeQuery("insert into feed_posts (id, group_id, period,"
                                        + " text, provider, model, created_at) values (:id, :group, :period,"
                                        + " :text, :provider, :model, :at) on conflict do nothing")
                                .setParameter("id", UUID.randomUUID())
                                .setParameter("group", group.getKey())
                                .setParameter("period", period)
                                .setParameter("text", text.get())
                                .setParameter("provider", PROVIDER)
                                .setParameter("model", MODEL)
                                .setParameter("at", now)
                                .executeUpdate()
                                .map(posted -> n + posted));
                    }
                    return chain;
                }));
    }

    private Uni<Integer> suggestions(Mutiny.Session s, Instant now) {
        return figures.due(Trigger.SUGGESTIONS, SUGGESTIONS, now, false)
                .chain(rows -> forEachMember(rows, member -> {
                    var first = member.get(0);
                    return mark(s, SUGGESTIONS, first.memberId(), first.period(), now)
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

    private Uni<Integer> monthlyReports(Mutiny.Session s, Instant now) {
        return figures.due(Trigger.MONTHLY_REPORT, MONTHLY_REPORT, now, false)
                .chain(rows -> forEachMember(rows, member -> {
                    var first = member.get(0);
                    var report = CoachingTexts.monthlyReport(first.period(), member);
                    return mark(s, MONTHLY_REPORT, first.memberId(), first.period(), now)
                            .chain(marked -> !marked
                                    ? Uni.createFrom().item(0)
                                    : s.createNativeQuery("insert into reports (id, member_id, month, figures, text,"
                                                    + " provider, model, created_at) values (:id, :member, :month,"
                                                    + " :figures, :text, :provider, :model, :at)"
                                                    + " on conflict (member_id, month) do nothing")
                                            .setParameter("id", UUID.randomUUID())
                                            .setParameter("member", first.memberId())
                                            .setParameter("month", first.period())
                                            .setParameter("figures", json(report.figures()))
                                            .setParameter("text", report.text())
                                            .setParameter("provider", PROVIDER)
                                            .setParameter("model", MODEL)
                                            .setParameter("at", now)
                                            .executeUpdate()
                                            .chain(() -> notify(
                                                    s,
                                                    first,
                                                    "MONTHLY_REPORT",
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

    /** True the first time: the mark of (job, subject, period) is new. */
    private static Uni<Boolean> mark(Mutiny.Session s, String job, UUID subject, String period, Instant now) {
        return s.createNativeQuery("insert into job_marks (job, subject, period, created_at) values (:job, :subject,"
                        + " :period, :at) on conflict do nothing")
                .setParameter("job", job)
                .setParameter("subject", subject)
                .setParameter("period", period)
                .setParameter("at", now)
                .executeUpdate()
                .map(n -> n == 1);
    }

    private static Uni<Integer> notify(
            Mutiny.Session s, HabitTally member, String kind, String title, String body, Instant now) {
        return s.createNativeQuery("insert into notifications (id, member_id, kind, period, title, body, provider,"
                        + " model, created_at) values (:id, :member, :kind, :period, :title, :body, :provider, :model,"
                        + " :at) on conflict (member_id, kind, period) do nothing")
                .setParameter("id", UUID.randomUUID())
                .setParameter("member", member.memberId())
                .setParameter("kind", kind)
                .setParameter("period", member.period())
                .setParameter("title", title)
                .setParameter("body", body)
                .setParameter("provider", PROVIDER)
                .setParameter("model", MODEL)
                .setParameter("at", now)
                .executeUpdate();
    }

    private static Uni<Void> coachMessage(Mutiny.Session s, UUID member, String text, Instant now) {
        return s.createNativeQuery("insert into chat_messages (id, member_id, role, text, provider, model,"
                        + " context_used, created_at) values (:id, :member, 'COACH', :text, :provider, :model,"
                        + " :context, :at)")
                .setParameter("id", UUID.randomUUID())
                .setParameter("member", member)
                .setParameter("text", text)
                .setParameter("provider", PROVIDER)
                .setParameter("model", MODEL)
                .setParameter("context", "{\"figures\":\"coach-service\",\"job\":\"" + WEEKLY_REVIEW + "\"}")
                .setParameter("at", now)
                .executeUpdate()
                .replaceWithVoid();
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
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
