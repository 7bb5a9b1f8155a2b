package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.rest.CoachDtos.FeedPostView;
import dev.goalcoach.coach.rest.CoachDtos.NotificationView;
import dev.goalcoach.coach.rest.CoachDtos.ReportView;
import dev.goalcoach.coach.service.CoachingReads;
import dev.goalcoach.kit.problem.ProblemException;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the scheduled coaching left to read: notifications, cohort feeds, monthly reports. */
public final class CoachingResources {

    @Path("/notifications")
    @Tag(name = "notifications")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "SecurityScheme")
    public static class Notifications {
        private final CoachingReads reads;
        private final JsonWebToken token;

        public Notifications(CoachingReads reads, JsonWebToken token) {
            this.reads = reads;
            this.token = token;
        }

        @GET
        @Operation(summary = "Your notifications from the coach (reminders, reviews, reports), newest first")
        public Uni<PageView<NotificationView>> mine(
                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
            return reads.notifications(Caller.of(token), page, size);
        }
    }

    @Path("/feed")
    @Tag(name = "feed")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "SecurityScheme")
    public static class Feed {
        private final CoachingReads reads;
        private final JsonWebToken token;

        public Feed(CoachingReads reads, JsonWebToken token) {
            this.reads = reads;
            this.token = token;
        }

        @GET
        @Path("/{groupId}")
        @Operation(summary = "A cohort's weekly posts, newest first (its members, its mentor, admins)")
        public Uni<PageView<FeedPostView>> ofGroup(
                @PathParam("groupId") UUID groupId,
                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
            return reads.feed(Caller.of(token), groupId, page, size);
        }
    }

    @Path("/reports")
    @Tag(name = "reports")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "SecurityScheme")
    public static class Reports {
        private final CoachingReads reads;
        private final JsonWebToken token;

        public Reports(CoachingReads reads, JsonWebToken token) {
            this.reads = reads;
            this.token = token;
        }

        @GET
        @Path("/{memberId}")
        @Operation(summary = "A member's monthly reports, newest first (the member, their mentor, admins)")
        public Uni<List<ReportView>> ofMember(@PathParam("memberId") UUID memberId) {
            return reads.reports(Caller.of(token), memberId, null);
        }

        @GET
        @Path("/{memberId}/{month}")
        @Operation(summary = "One monthly report (month as YYYY-MM)")
        public Uni<ReportView> one(@PathParam("memberId") UUID memberId, @PathParam("month") String month) {
            if (month == null || !month.matches("\\d{4}-(0[1-9]|1[0-2])")) {
                throw ProblemException.invalidField("month", "must be YYYY-MM");
            }
            return reads.reports(Caller.of(token), memberId, month)
                    .map(list -> list.stream().findFirst().orElseThrow(() -> ProblemException.notFound("report")));
        }
    }

    private CoachingResources() {}
}
