package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.api.GoalDtos.CheckinRequest;
import dev.goalcoach.goal.api.GoalDtos.GoalRequest;
import dev.goalcoach.goal.api.GoalDtos.GoalUpdate;
import dev.goalcoach.goal.api.GoalDtos.GoalView;
import dev.goalcoach.goal.api.GoalDtos.HabitRequest;
import dev.goalcoach.goal.api.GoalDtos.SubgoalRequest;
import dev.goalcoach.goal.api.GoalDtos.SubgoalUpdate;
import dev.goalcoach.goal.service.CheckinService;
import dev.goalcoach.goal.service.GoalService;
import dev.goalcoach.goal.service.HabitService;
import dev.goalcoach.goal.service.IdempotentRequests;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.rest.Revisions;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/goals")
@Tag(name = "goals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class GoalResource {

    private final GoalService goals;
    private final HabitService habits;
    private final CheckinService checkins;
    private final IdempotentRequests idempotency;
    private final JsonWebToken token;

    public GoalResource(
            GoalService goals,
            HabitService habits,
            CheckinService checkins,
            IdempotentRequests idempotency,
            JsonWebToken token) {
        this.goals = goals;
        this.habits = habits;
        this.checkins = checkins;
        this.idempotency = idempotency;
        this.token = token;
    }

    @POST
    @Operation(summary = "Create a goal: with habits it is a manual plan, without one the AI coach makes a plan")
    public Uni<RestResponse<GoalView>> create(@NotNull @Valid GoalRequest request) {
        return goals.create(Caller.of(token), request)
                .map(g -> RestResponse.ResponseBuilder.<GoalView>created(URI.create("/goals/" + g.id()))
                        .entity(g)
                        .build());
    }

    @GET
    @Path("/{goalId}")
    @Operation(summary = "A goal with its full plan: its member, their mentor, or an admin")
    @APIResponse(
            responseCode = "200",
            description = "The goal; the ETag header is its revision, for If-Match on PUT",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<GoalView>> get(@PathParam("goalId") UUID goalId) {
        return goals.get(Caller.of(token), goalId).map(v -> Revisions.ok(v, v.revision()));
    }

    @GET
    @Path("/user/{userId}")
    @Operation(summary = "A member's goals, each with its plan")
    public Uni<PageView<GoalView>> ofMember(
            @PathParam("userId") UUID userId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return goals.ofMember(Caller.of(token), userId, page, size);
    }

    @PUT
    @Path("/{goalId}")
    @Operation(
            summary = "Change a goal's own fields (absent fields stay); PAUSED makes its days rest days. With If-Match"
                    + " (the ETag a GET returned) the change applies only to that revision, else 412")
    @APIResponse(responseCode = "412", description = "If-Match named a revision the goal no longer has")
    public Uni<RestResponse<GoalView>> update(
            @PathParam("goalId") UUID goalId,
            @NotNull @Valid GoalUpdate request,
            @HeaderParam("If-Match") String ifMatch) {
        return goals.update(Caller.of(token), goalId, request, Revisions.IfMatch.of(ifMatch))
                .map(v -> Revisions.ok(v, v.revision()));
    }

    @DELETE
    @Path("/{goalId}")
    public Uni<RestResponse<Void>> delete(@PathParam("goalId") UUID goalId) {
        return goals.delete(Caller.of(token), goalId).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{goalId}/habits")
    @Operation(summary = "Add a habit to the goal's plan")
    public Uni<GoalView> addHabit(@PathParam("goalId") UUID goalId, @NotNull @Valid HabitRequest request) {
        return habits.addHabit(Caller.of(token), goalId, request);
    }

    @POST
    @Path("/{goalId}/subgoals")
    @Operation(summary = "Add a subgoal at the end of the goal's plan")
    public Uni<GoalView> addSubgoal(@PathParam("goalId") UUID goalId, @NotNull @Valid SubgoalRequest request) {
        return habits.addSubgoal(Caller.of(token), goalId, request);
    }

    @PUT
    @Path("/{goalId}/subgoals/{subgoalId}")
    @Operation(summary = "Change a subgoal, or mark it done")
    public Uni<GoalView> updateSubgoal(
            @PathParam("goalId") UUID goalId,
            @PathParam("subgoalId") UUID subgoalId,
            @NotNull @Valid SubgoalUpdate request) {
        return habits.updateSubgoal(Caller.of(token), goalId, subgoalId, request);
    }

    @POST
    @Path("/{goalId}/checkin")
    @Operation(summary = "Log today's (or a recent day's) check-in for one of the goal's habits")
    public Uni<Response> checkin(
            @PathParam("goalId") UUID goalId,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid CheckinRequest request) {
        return checkins.submit(Caller.of(token), goalId, request, idempotencyKey, idempotency)
                .map(CheckinResource::respond);
    }
}
