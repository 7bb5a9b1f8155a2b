package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.api.GoalDtos.BulkCheckinRequest;
import dev.goalcoach.goal.api.GoalDtos.CheckinRequest;
import dev.goalcoach.goal.api.GoalDtos.CheckinView;
import dev.goalcoach.goal.api.GoalDtos.ImportCheckinsRequest;
import dev.goalcoach.goal.service.CheckinService;
import dev.goalcoach.goal.service.IdempotentRequests;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

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
    private final Clock clock;

    public CheckinResource(CheckinService checkins, IdempotentRequests idempotency, JsonWebToken token, Clock clock) {
        this.checkins = checkins;
        this.idempotency = idempotency;
        this.token = token;
        this.clock = clock;
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

    @POST
    @Path("/bulk")
    @Operation(summary = "Up to 500 check-ins collected offline: all stored, or none (the problem names the item)")
    public Uni<Response> bulk(
            @HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull @Valid BulkCheckinRequest request) {
        return checkins.submitBulk(Caller.of(token), request, idempotencyKey, idempotency)
                .map(CheckinResource::respond);
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Import up to 500 of a member's past check-ins (admin): all stored or none, as far back as"
                    + " GOALCOACH_GOAL_IMPORT_DAYS (366) and each habit's start, published as the member's own")
    public Uni<Response> importCheckins(@NotNull @Valid ImportCheckinsRequest request) {
        return checkins.importFor(
                        Caller.of(token), request.memberId(), new BulkCheckinRequest(request.checkins()), idempotency)
                .map(CheckinResource::respond);
    }

    @GET
    @Operation(summary = "A member's check-ins between two dates (default: yourself, the last 30 days)")
    public Uni<List<CheckinView>> list(
            @QueryParam("memberId") String memberId,
            @QueryParam("habitId") String habitId,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        var caller = Caller.of(token);
        var member = QueryParams.uuid("memberId", memberId);
        var until = date("to", to, LocalDate.now(clock).plusDays(1));
        return checkins.list(
                caller,
                member == null ? caller.id() : member,
                QueryParams.uuid("habitId", habitId),
                date("from", from, until.minusDays(31)),
                until);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Withdraw one of your check-ins (checkin.retracted)")
    public Uni<RestResponse<Void>> retract(@PathParam("id") UUID id) {
        return checkins.retract(Caller.of(token), id).map(v -> RestResponse.noContent());
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "is not a date (YYYY-MM-DD)");
        }
    }

    static Response respond(IdempotentRequests.Answer a) {
        return Response.status(a.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(a.body())
                .build();
    }
}
