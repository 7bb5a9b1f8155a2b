package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.PlanSuggestion;
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

    /** The most suggestions one member-wide read answers: the newest, a page's worth. */
    static final int MEMBER_SUGGESTIONS = 100;

    @GET
    @Operation(
            summary = "Plan suggestions, newest first: a goal's (goalId), or a member's on all their goals (memberId,"
                    + " the newest " + MEMBER_SUGGESTIONS + "), optionally only those in one status (PROPOSED,"
                    + " ACCEPTED, REJECTED): the member, their mentor, an admin")
    public Uni<List<SuggestionView>> list(
            @QueryParam("goalId") String goalId,
            @QueryParam("memberId") String memberId,
            @QueryParam("status") String status) {
        var goal = QueryParams.uuid("goalId", goalId);
        var member = QueryParams.uuid("memberId", memberId);
        var only = QueryParams.oneOf("status", status, PlanSuggestion.Status.class);
        if ((goal == null) == (member == null)) {
            throw ProblemException.invalidField("goalId", "give either goalId or memberId");
        }
        return goal != null
                ? suggestions.ofGoal(Caller.of(token), goal, only)
                : suggestions.ofMember(Caller.of(token), member, only, MEMBER_SUGGESTIONS);
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
