package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.api.CoachDtos.NotificationView;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's notifications from the scheduled coaching (reminders, reviews, reports). */
@Path("/notifications")
@Tag(name = "notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class NotificationResource {
    private final CoachingReads reads;
    private final JsonWebToken token;

    public NotificationResource(CoachingReads reads, JsonWebToken token) {
        this.reads = reads;
        this.token = token;
    }

    @GET
    @Operation(summary = "Your notifications from the coach (reminders, reviews, reports), newest first")
    public Uni<PageView<NotificationView>> mine(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return reads.notifications(Caller.of(token), page, size);
    }
}
