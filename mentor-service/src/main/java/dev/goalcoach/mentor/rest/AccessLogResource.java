package dev.goalcoach.mentor.rest;

import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.api.MentorDtos.AccessEntry;
import dev.goalcoach.mentor.service.AccessLogService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

/** A member's own view of who looked at or asked about their data. */
@Path("/mentor/access-log/{member_id}")
@Tag(name = "access log")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class AccessLogResource {

    private final AccessLogService log;
    private final JsonWebToken token;

    public AccessLogResource(AccessLogService log, JsonWebToken token) {
        this.log = log;
        this.token = token;
    }

    @GET
    @Operation(
            summary = "Who looked at or asked about your data (a mentor's dashboard views, copilot questions, refused"
                    + " attempts) and when, newest first: yours only (an admin: anyone's); never the words")
    public Uni<PageView<AccessEntry>> of(
            @PathParam("member_id") UUID memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return log.of(Caller.of(token), memberId, page, size);
    }
}
