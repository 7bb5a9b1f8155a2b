package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.api.GoalDtos.Decision;
import dev.goalcoach.goal.api.GoalDtos.SuggestionView;
import dev.goalcoach.goal.service.SuggestionService;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/suggestions")
@Tag(name = "suggestions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class SuggestionResource {

    private final SuggestionService suggestions;
    private final JsonWebToken token;

    public SuggestionResource(SuggestionService suggestions, JsonWebToken token) {
        this.suggestions = suggestions;
        this.token = token;
    }

    @GET
    @Operation(summary = "A goal's plan suggestions, newest first: the member, their mentor, an admin")
    public Uni<List<SuggestionView>> ofGoal(@QueryParam("goalId") String goalId) {
        var goal = QueryParams.uuid("goalId", goalId);
        if (goal == null) {
            throw ProblemException.invalidField("goalId", "is required");
        }
        return suggestions.ofGoal(Caller.of(token), goal);
    }

    @POST
    @Path("/{id}/accept")
    @Operation(summary = "Accept a suggestion: the change is applied to the plan")
    public Uni<SuggestionView> accept(@PathParam("id") UUID id, @Valid Decision decision) {
        return suggestions.accept(Caller.of(token), id, decision == null ? null : decision.note());
    }

    @POST
    @Path("/{id}/reject")
    public Uni<SuggestionView> reject(@PathParam("id") UUID id, @Valid Decision decision) {
        return suggestions.reject(Caller.of(token), id, decision == null ? null : decision.note());
    }
}
