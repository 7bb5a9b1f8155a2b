package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.api.CoachDtos.ReportView;
import dev.goalcoach.coach.service.CoachingReads;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's monthly reports from the scheduled coaching. */
@Path("/reports")
@Tag(name = "reports")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class ReportResource {
    private final CoachingReads reads;
    private final JsonWebToken token;

    public ReportResource(CoachingReads reads, JsonWebToken token) {
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
