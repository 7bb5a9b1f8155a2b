package dev.goalcoach.mentor.rest;

import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.mentor.api.MentorDtos.CopilotAnswer;
import dev.goalcoach.mentor.api.MentorDtos.CopilotQuestion;
import dev.goalcoach.mentor.api.MentorDtos.InteractionView;
import dev.goalcoach.mentor.api.MentorDtos.PatientDashboard;
import dev.goalcoach.mentor.api.MentorDtos.Roster;
import dev.goalcoach.mentor.service.CopilotService;
import dev.goalcoach.mentor.service.DashboardService;
import dev.goalcoach.mentor.service.InteractionService;
import dev.goalcoach.mentor.service.RosterService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The compatibility API the existing frontend calls: the copilot, a mentor's mentees, one mentee's dashboard, the
 * audit.
 */
@Path("/")
@Tag(name = "mentor")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MENTOR, Roles.ADMIN})
@SecurityRequirement(name = "SecurityScheme")
public class MentorResource {

    private final RosterService roster;
    private final InteractionService interactions;
    private final DashboardService dashboard;
    private final CopilotService copilot;
    private final JsonWebToken token;

    public MentorResource(
            RosterService roster,
            InteractionService interactions,
            DashboardService dashboard,
            CopilotService copilot,
            JsonWebToken token) {
        this.copilot = copilot;
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

    @POST
    @Path("/mentor/chat/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ask the copilot about one of your mentees (patientId) or, without one, about all of them"
                    + " (message 1-2,000 characters): an answer from their real figures, with provider, model,"
                    + " contextUsed and tokens; within your AI budget (429 past it). Audited with its context.")
    @APIResponse(responseCode = "429", description = "The mentor's AI budget is spent for now")
    public Uni<CopilotAnswer> ask(
            @NotNull @Valid CopilotQuestion question, @HeaderParam("Authorization") String authorization) {
        return copilot.ask(Caller.of(token), question, authorization);
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
