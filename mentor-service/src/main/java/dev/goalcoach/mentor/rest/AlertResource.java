package dev.goalcoach.mentor.rest;

import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.mentor.api.MentorDtos.AlertView;
import dev.goalcoach.mentor.service.AlertService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@Path("/mentor/alerts")
@Tag(name = "alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MENTOR, Roles.ADMIN})
@SecurityRequirement(name = "SecurityScheme")
public class AlertResource {

    private final AlertService alerts;
    private final JsonWebToken token;

    public AlertResource(AlertService alerts, JsonWebToken token) {
        this.alerts = alerts;
        this.token = token;
    }

    @GET
    @Operation(
            summary = "At-risk alerts about your mentees (a rise to HIGH), newest first: by state (OPEN, ACKNOWLEDGED,"
                    + " RESOLVED, ALL; default: not yet resolved); an admin: everyone's, or one mentor's")
    public Uni<PageView<AlertView>> list(
            @QueryParam("mentorId") String mentorId,
            @QueryParam("state") String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return alerts.list(Caller.of(token), QueryParams.uuid("mentorId", mentorId), state, page, size);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Mark an alert about your mentee seen (it resolves itself when their risk falls below HIGH)")
    public Uni<AlertView> acknowledge(@PathParam("id") UUID id) {
        return alerts.acknowledge(Caller.of(token), id);
    }
}
