package dev.goalcoach.analytics.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.analytics.CohortKind;
import dev.goalcoach.analytics.WarehouseMember;
import dev.goalcoach.analytics.api.AnalyticsViews.Cohort;
import dev.goalcoach.analytics.api.AnalyticsViews.CohortPage;
import dev.goalcoach.analytics.api.AnalyticsViews.Day;
import dev.goalcoach.analytics.api.AnalyticsViews.HabitMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.MemberGoals;
import dev.goalcoach.analytics.api.AnalyticsViews.MemberMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.RosterEntry;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.RemoteFailures;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a caller may read of the metrics: a member's (the member, their mentor, an admin), a mentor's roster and
 * cohort (the mentor, an admin), every cohort (an admin). Anything else does not exist, as far as the caller can
 * tell (404).
 */
@ApplicationScoped
public class AnalyticsService {

    private final MetricsReads reads;
    private final GoalDirectory directory;
    private final Refresh refresh;
    private final ObjectMapper json;

    public AnalyticsService(MetricsReads reads, GoalDirectory directory, Refresh refresh, ObjectMapper json) {
        this.reads = reads;
        this.directory = directory;
        this.refresh = refresh;
        this.json = json;
    }

    public MemberMetrics metrics(Caller caller, UUID memberId) throws SQLException {
        return reads.metrics(memberId, readable(caller, memberId).metricsAt());
    }

    /** The member's goals (goal-service's, or the warehouse's copy) with each goal's and habit's metrics. */
    public MemberGoals goals(Caller caller, UUID memberId, String authorization) throws SQLException {
        var member = readable(caller, memberId);
        GoalDirectory.Goals goals;
        try {
            goals = directory.goalsOf(memberId, authorization);
        } catch (RemoteFailures.Refused e) {
            // goal-service, the owner, says no (or knows no such member): so does this answer
            throw e.status() == 403
                    ? ProblemException.forbidden("goal-service refused")
                    : ProblemException.notFound("member");
        }
        var metrics = reads.metrics(memberId, member.metricsAt());
        var habitMetrics = new HashMap<String, HabitMetrics>();
        metrics.habits().forEach(h -> habitMetrics.put(h.habitId().toString(), h));
        var goalAdherence = new HashMap<String, Map<Integer, BigDecimal>>();
        metrics.goals().forEach(g -> goalAdherence.put(g.goalId().toString(), g.adherence()));
        for (var goal : goals.goals()) {
            var node = (ObjectNode) goal;
            var goalMetrics = node.putObject("metrics");
            goalMetrics.set(
                    "adherence",
                    json.valueToTree(goalAdherence.getOrDefault(node.path("id").asText(), Map.of())));
            for (var habit : node.path("habits")) {
                var h = habitMetrics.get(habit.path("id").asText());
                var habitNode = ((ObjectNode) habit).putObject("metrics");
                if (h != null) {
                    habitNode.set("adherence", json.valueToTree(h.adherence()));
                    habitNode.set("streak", json.valueToTree(h.streak()));
                    habitNode.put("strength", h.strength());
                }
            }
        }
        return new MemberGoals(memberId, metrics.asOf(), goals.source(), goals.goals());
    }

    public List<Day> series(Caller caller, UUID memberId) throws SQLException {
        readable(caller, memberId);
        return reads.series(memberId);
    }

    public List<RosterEntry> roster(Caller caller, UUID mentorId) throws SQLException {
        if (!caller.isAdmin() && !(caller.isMentor() && caller.is(mentorId))) {
            // another mentor's roster does not exist, as far as the caller can tell
            throw ProblemException.notFound("mentor");
        }
        return reads.roster(mentorId);
    }

    /** Every cohort of a kind, a page at a time (the resource admits admins only). */
    public CohortPage cohorts(CohortKind kind, int page, int size) throws SQLException {
        return reads.cohorts(kind, page, size);
    }

    /** A cohort its mentor or an admin may see; to anyone else it does not exist. */
    public Cohort cohort(Caller caller, CohortKind kind, UUID id) throws SQLException {
        String what = kind == CohortKind.MENTOR ? "mentor" : "group";
        return reads.cohort(kind, id)
                .filter(c -> caller.isAdmin() || (caller.isMentor() && caller.is(c.mentorId())))
                .orElseThrow(() -> ProblemException.notFound(what));
    }

    /** Recomputes one member's metrics now, or everyone's when {@code memberId} is null. */
    public void refresh(UUID memberId) throws SQLException {
        refresh.recompute(memberId == null ? null : List.of(memberId));
    }

    /** The member exists and the caller may read their data; anyone else is told it does not exist. */
    private WarehouseMember readable(Caller caller, UUID memberId) throws SQLException {
        var member = reads.member(memberId).orElseThrow(() -> ProblemException.notFound("member"));
        if (!AccessPolicy.mayRead(caller, member.memberId(), member.mentorId())) {
            throw ProblemException.notFound("member");
        }
        return member;
    }
}
