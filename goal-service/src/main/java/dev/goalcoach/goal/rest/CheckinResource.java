package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.rest.GoalDtos.CheckinRequest;
import dev.goalcoach.goal.service.CheckinService;
import dev.goalcoach.goal.service.IdempotentRequests;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/checkins")
@Tag(name = "checkins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class CheckinResource {

    private final CheckinService checkins;
    private final IdempotentRequests idempotency;
    private final JsonWebToken token;

    public CheckinResource(CheckinService checkins, IdempotentRequests idempotency, JsonWebToken token) {
        this.checkins = checkins;
        this.idempotency = idempotency;
        this.token = token;
    }

    @POST
    @Operation(
            summary = "Log a check-in: 201 when new, 200 when it changed (or repeated) the day's check-in;"
                    + " a retry with the same Idempotency-Key gets the first answer")
    public Uni<Response> log(
            @HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull @Valid CheckinRequest request) {
        return checkins.submit(Caller.of(token), null, request, idempotencyKey, idempotency)
                .map(CheckinResource::respond);
    }

    static Response respond(IdempotentRequests.Answer a) {
        return Response.status(a.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(a.body())
                .build();
    }
}
