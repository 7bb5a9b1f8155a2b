package dev.goalcoach.mentor.rest;

import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.mentor.api.MentorDtos.InteractionView;
import dev.goalcoach.mentor.api.MentorDtos.PatientDashboard;
import dev.goalcoach.mentor.api.MentorDtos.Roster;
import dev.goalcoach.mentor.service.DashboardService;
import dev.goalcoach.mentor.service.InteractionService;
import dev.goalcoach.mentor.service.RosterService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The compatibility API the existing frontend calls: a mentor's mentees, one mentee's dashboard, the audit. */
@Path("/")
@Tag(name = "mentor")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MENTOR, Roles.ADMIN})
@SecurityRequirement(name = "SecurityScheme")
public class MentorResource {

    private final RosterService roster;
    private final InteractionService interactions;
    private final DashboardService dashboard;
    private final JsonWebToken token;

    public MentorResource(
            RosterService roster, InteractionService interactions, DashboardService dashboard, JsonWebToken token) {
        this.roster = roster;
        this.interactions = interactions;
        this.dashboard = dashboard;
        this.token = token;
    }

    @GET
    @Path("/dashboard/mentor/{mentor_id}/patient/{user_id}")
    @Operation(
            summary = "One mentee, composed: profile, goals and plans, metrics with risk reasons, the 90-day series,"
                    + " journal mood and sentiment (text of shared entries only), open plan suggestions, your latest"
                    + " notes and interactions; sources says where each part came from. Audited.")
    public Uni<PatientDashboard> dashboard(
            @PathParam("mentor_id") UUID mentorId,
            @PathParam("user_id") UUID memberId,
            @HeaderParam("Authorization") String authorization) {
        return dashboard.of(Caller.of(token), mentorId, memberId, authorization);
    }

    @GET
    @Path("/mentor/chat/{mentor_id}/patients")
    @Operation(
            summary = "Your mentees with their current risk, 7/30-day adherence and streak, riskiest first"
                    + " (metrics: where the figures came from, or unavailable)")
    public Uni<Roster> patients(
            @PathParam("mentor_id") UUID mentorId, @HeaderParam("Authorization") String authorization) {
        return roster.of(Caller.of(token), mentorId, authorization);
    }

    @GET
    @Path("/mentor/chat/{mentor_id}/interactions/{patient_id}")
    @Operation(summary = "What you looked at or asked about a mentee, and what was refused you, newest first")
    public Uni<PageView<InteractionView>> interactions(
            @PathParam("mentor_id") UUID mentorId,
            @PathParam("patient_id") UUID patientId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return interactions.of(Caller.of(token), mentorId, patientId, page, size);
    }
}
