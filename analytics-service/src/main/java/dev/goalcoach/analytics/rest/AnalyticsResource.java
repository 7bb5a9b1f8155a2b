package dev.goalcoach.analytics.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.analytics.client.GoalDirectory;
import dev.goalcoach.analytics.client.GoalServiceClient;
import dev.goalcoach.analytics.service.AnalyticsStore;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/")
@Tag(name = "analytics")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@SecurityRequirement(name = "SecurityScheme")
public class AnalyticsResource {

    private final ObjectMapper json;
    private final AnalyticsStore store;
    private final GoalDirectory directory;
    private final JsonWebToken token;

    public AnalyticsResource(AnalyticsStore store, GoalDirectory directory, JsonWebToken token, ObjectMapper json) {
        this.json = json;
        this.store = store;
        this.directory = directory;
        this.token = token;
    }

    @GET
    @Path("/dashboard/analytics/{user_id}")
    @Operation(
            summary = "A member's metrics: adherence 7/30/90 days, streaks, habit strength, per goal and habit"
                    + " (the member, their mentor, an admin)")
    public AnalyticsStore.MemberMetrics memberMetrics(@PathParam("user_id") UUID memberId) throws SQLException {
        readable(memberId);
        return store.metrics(memberId);
    }

    /** A member's goals (goal-service's representation) with their metrics, and where the goals came from. */
    public record MemberGoals(UUID memberId, LocalDate asOf, String source, ArrayNode goals) {}

    @GET
    @Path("/dashboard/user/{user_id}/goals")
    @Operation(
            summary = "A member's goals with their plans, each goal and habit with its metrics (adherence 7/30/90,"
                    + " streak, strength); goals from goal-service, or from the warehouse's copy when it cannot"
                    + " answer (source says which) (the member, their mentor, an admin)")
    public MemberGoals memberGoals(
            @PathParam("user_id") UUID memberId, @HeaderParam("Authorization") String authorization)
            throws SQLException {
        readable(memberId);
        GoalDirectory.Goals goals;
        try {
            goals = directory.goalsOf(memberId, authorization);
        } catch (GoalServiceClient.Refused e) {
            // goal-service, the owner, says no (or knows no such member): so does this answer
            throw e.status() == 403
                    ? ProblemException.forbidden("goal-service refused")
                    : ProblemException.notFound("member");
        }
        var metrics = store.metrics(memberId);
        var habitMetrics = new HashMap<String, AnalyticsStore.HabitMetrics>();
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

    @GET
    @Path("/analytics/members/{id}/series")
    @Operation(
            summary = "A member's last 90 days, one entry per member-local day: owed, met, skipped, adherence"
                    + " (the member, their mentor, an admin)")
    public List<AnalyticsStore.Day> series(@PathParam("id") UUID memberId) throws SQLException {
        readable(memberId);
        return store.series(memberId);
    }

    @GET
    @Path("/analytics/mentors/{id}/roster")
    @Operation(
            summary = "A mentor's mentees with their risk, 7/30-day adherence and streak, the riskiest first"
                    + " (the mentor, an admin)")
    public List<AnalyticsStore.RosterEntry> roster(@PathParam("id") UUID mentorId) throws SQLException {
        var caller = Caller.of(token);
        if (!caller.isAdmin() && !(caller.isMentor() && caller.is(mentorId))) {
            // another mentor's roster does not exist, as far as the caller can tell
            throw ProblemException.notFound("mentor");
        }
        return store.roster(mentorId);
    }

    @GET
    @Path("/analytics/cohorts/mentors")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Every mentor's cohort, by name: mentees, mean adherence 7/30/90, mentees per risk level,"
                    + " mean streak and habit strength (admin)")
    public AnalyticsStore.CohortPage mentorCohorts(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size)
            throws SQLException {
        return store.cohorts(AnalyticsStore.CohortKind.MENTOR, page, size);
    }

    @GET
    @Path("/analytics/cohorts/groups")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every group's cohort figures, by name (admin)")
    public AnalyticsStore.CohortPage groupCohorts(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size)
            throws SQLException {
        return store.cohorts(AnalyticsStore.CohortKind.GROUP, page, size);
    }

    @GET
    @Path("/analytics/cohorts/mentors/{id}")
    @Operation(summary = "One mentor's cohort figures (the mentor, an admin)")
    public AnalyticsStore.Cohort mentorCohort(@PathParam("id") UUID mentorId) throws SQLException {
        return visible(store.cohort(AnalyticsStore.CohortKind.MENTOR, mentorId), "mentor");
    }

    @GET
    @Path("/analytics/cohorts/groups/{id}")
    @Operation(summary = "One group's cohort figures (the group's mentor, an admin)")
    public AnalyticsStore.Cohort groupCohort(@PathParam("id") UUID groupId) throws SQLException {
        return visible(store.cohort(AnalyticsStore.CohortKind.GROUP, groupId), "group");
    }

    /** A cohort its mentor or an admin may see; to anyone else it does not exist. */
    private AnalyticsStore.Cohort visible(Optional<AnalyticsStore.Cohort> cohort, String what) {
        var caller = Caller.of(token);
        return cohort.filter(c -> caller.isAdmin() || (caller.isMentor() && caller.is(c.mentorId())))
                .orElseThrow(() -> ProblemException.notFound(what));
    }

    /** The member exists and the caller may read their data; anyone else is told it does not exist. */
    private void readable(UUID memberId) throws SQLException {
        var caller = Caller.of(token);
        var member = store.member(memberId).orElseThrow(() -> ProblemException.notFound("member"));
        if (!AccessPolicy.mayRead(caller, member.memberId(), member.mentorId())) {
            throw ProblemException.notFound("member");
        }
    }

    @POST
    @Path("/analytics/refresh")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Recompute every member's metrics now, or one member's with ?memberId= (admin)")
    public RestResponse<Void> refresh(@QueryParam("memberId") String memberId) throws SQLException {
        var member = QueryParams.uuid("memberId", memberId);
        store.recompute(member == null ? null : List.of(member));
        return RestResponse.noContent();
    }
}
