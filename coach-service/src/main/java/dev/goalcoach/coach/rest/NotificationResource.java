package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.api.CoachDtos.NotificationView;
import dev.goalcoach.coach.api.CoachDtos.PreferencesRequest;
import dev.goalcoach.coach.api.CoachDtos.PreferencesView;
import dev.goalcoach.coach.service.CoachingReads;
import dev.goalcoach.coach.service.NotificationSettings;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's notifications from the scheduled coaching (reminders, reviews, reports), and how they get them. */
@Path("/notifications")
@Tag(name = "notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class NotificationResource {
    private final CoachingReads reads;
    private final NotificationSettings settings;
    private final JsonWebToken token;

    public NotificationResource(CoachingReads reads, NotificationSettings settings, JsonWebToken token) {
        this.reads = reads;
        this.settings = settings;
        this.token = token;
    }

    @GET
    @Path("/preferences")
    @Operation(
            summary = "How you get the coach's reminders, weekly reviews and monthly reports: in the app, by mail"
                    + " (which kinds; to a verified address only), quiet hours in your own time zone")
    public Uni<PreferencesView> preferences() {
        return settings.mine(Caller.of(token));
    }

    @PUT
    @Path("/preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Choose them: every field stated; a mail due in your quiet hours waits for their end (null:"
                    + " none)")
    public Uni<PreferencesView> choose(@NotNull @Valid PreferencesRequest request) {
        return settings.choose(Caller.of(token), request);
    }

    @GET
    @Operation(summary = "Your notifications from the coach (reminders, reviews, reports), newest first")
    public Uni<PageView<NotificationView>> mine(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return reads.notifications(Caller.of(token), page, size);
    }
}
