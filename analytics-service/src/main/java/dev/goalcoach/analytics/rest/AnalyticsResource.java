package dev.goalcoach.analytics.rest;

import dev.goalcoach.analytics.CohortKind;
import dev.goalcoach.analytics.api.AnalyticsViews.Cohort;
import dev.goalcoach.analytics.api.AnalyticsViews.CohortPage;
import dev.goalcoach.analytics.api.AnalyticsViews.Day;
import dev.goalcoach.analytics.api.AnalyticsViews.MemberGoals;
import dev.goalcoach.analytics.api.AnalyticsViews.MemberMetrics;
import dev.goalcoach.analytics.api.AnalyticsViews.RosterEntry;
import dev.goalcoach.analytics.service.AnalyticsService;
import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.rest.PageView;
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
import java.sql.SQLException;
import java.util.List;
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

    private final AnalyticsService analytics;
    private final JsonWebToken token;

    public AnalyticsResource(AnalyticsService analytics, JsonWebToken token) {
        this.analytics = analytics;
        this.token = token;
    }

    @GET
    @Path("/dashboard/analytics/{user_id}")
    @Operation(
            summary = "A member's metrics: adherence 7/30/90 days, streaks, habit strength, per goal and habit"
                    + " (the member, their mentor, an admin)")
    public MemberMetrics memberMetrics(@PathParam("user_id") UUID memberId) throws SQLException {
        return analytics.metrics(Caller.of(token), memberId);
    }

    @GET
    @Path("/dashboard/user/{user_id}/goals")
    @Operation(
            summary = "A member's goals with their plans, each goal and habit with its metrics (adherence 7/30/90,"
                    + " streak, strength); goals from goal-service, or from the warehouse's copy when it cannot"
                    + " answer (source says which) (the member, their mentor, an admin)")
    public MemberGoals memberGoals(
            @PathParam("user_id") UUID memberId, @HeaderParam("Authorization") String authorization)
            throws SQLException {
        return analytics.goals(Caller.of(token), memberId, authorization);
    }

    @GET
    @Path("/analytics/members/{id}/series")
    @Operation(
            summary = "A member's last 90 days, one entry per member-local day: owed, met, skipped, adherence"
                    + " (the member, their mentor, an admin)")
    public List<Day> series(@PathParam("id") UUID memberId) throws SQLException {
        return analytics.series(Caller.of(token), memberId);
    }

    @GET
    @Path("/analytics/mentors/{id}/roster")
    @Operation(
            summary = "A mentor's mentees with their risk, 7/30-day adherence and streak, the riskiest first"
                    + " (the mentor, an admin)")
    public List<RosterEntry> roster(@PathParam("id") UUID mentorId) throws SQLException {
        return analytics.roster(Caller.of(token), mentorId);
    }

    @GET
    @Path("/analytics/cohorts/mentors")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Every mentor's cohort, by name: mentees, mean adherence 7/30/90, mentees per risk level,"
                    + " mean streak and habit strength (admin)")
    public CohortPage mentorCohorts(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size)
            throws SQLException {
        return analytics.cohorts(CohortKind.MENTOR, page, size);
    }

    @GET
    @Path("/analytics/cohorts/groups")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every group's cohort figures, by name (admin)")
    public CohortPage groupCohorts(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size)
            throws SQLException {
        return analytics.cohorts(CohortKind.GROUP, page, size);
    }

    @GET
    @Path("/analytics/cohorts/mentors/{id}")
    @Operation(summary = "One mentor's cohort figures (the mentor, an admin)")
    public Cohort mentorCohort(@PathParam("id") UUID mentorId) throws SQLException {
        return analytics.cohort(Caller.of(token), CohortKind.MENTOR, mentorId);
    }

    @GET
    @Path("/analytics/cohorts/groups/{id}")
    @Operation(summary = "One group's cohort figures (the group's mentor, an admin)")
    public Cohort groupCohort(@PathParam("id") UUID groupId) throws SQLException {
        return analytics.cohort(Caller.of(token), CohortKind.GROUP, groupId);
    }

    @POST
    @Path("/analytics/refresh")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Recompute every member's metrics now, or one member's with ?memberId= (admin)")
    public RestResponse<Void> refresh(@QueryParam("memberId") String memberId) throws SQLException {
        var member = QueryParams.uuid("memberId", memberId);
        analytics.refresh(member);
        return RestResponse.noContent();
    }
}
