package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.api.CoachDtos.FeedPostView;
import dev.goalcoach.coach.service.CoachingReads;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
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

/** A cohort's weekly posts from the scheduled coaching. */
@Path("/feed")
@Tag(name = "feed")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class FeedResource {
    private final CoachingReads reads;
    private final JsonWebToken token;

    public FeedResource(CoachingReads reads, JsonWebToken token) {
        this.reads = reads;
        this.token = token;
    }

    @GET
    @Path("/{groupId}")
    @Operation(summary = "A cohort's weekly posts, newest first (its members, its mentor, admins)")
    public Uni<PageView<FeedPostView>> ofGroup(
            @PathParam("groupId") UUID groupId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return reads.feed(Caller.of(token), groupId, page, size);
    }
}
