package dev.goalcoach.coach.rest;

import dev.goalcoach.clock.MemberZone;
import dev.goalcoach.coach.CoachingJob;
import dev.goalcoach.coach.PlanRequest;
import dev.goalcoach.coach.ai.Planner;
import dev.goalcoach.coach.api.CoachDtos.JobRun;
import dev.goalcoach.coach.api.CoachDtos.PlanPreviewRequest;
import dev.goalcoach.coach.api.CoachDtos.PlanView;
import dev.goalcoach.coach.service.CoachingJobs;
import dev.goalcoach.kit.ai.MemberBudget;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/coach")
@Tag(name = "coach")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class CoachResource {

    private final Planner planner;
    private final MemberBudget budget;
    private final MemberDirectory directory;
    private final Clock clock;
    private final Vertx vertx;
    private final CoachingJobs jobs;
    private final JsonWebToken token;

    public CoachResource(
            Planner planner,
            MemberBudget budget,
            MemberDirectory directory,
            Clock clock,
            Vertx vertx,
            CoachingJobs jobs,
            JsonWebToken token) {
        this.jobs = jobs;
        this.planner = planner;
        this.budget = budget;
        this.directory = directory;
        this.clock = clock;
        this.vertx = vertx;
        this.token = token;
    }

    @POST
    @Path("/plans/preview")
    @Operation(summary = "A plan for a goal, without creating the goal (counts against the caller's AI budget)")
    public Uni<PlanView> preview(@Valid @NotNull PlanPreviewRequest r) {
        var caller = Caller.of(token);
        return Panache.withSession(() -> directory.find(caller.id()))
                .map(m -> MemberZone.today(
                        clock, m.map(MemberDirectory.Entry::timezone).orElse(null)))
                .chain(today -> {
                    if (r.targetDate() != null && r.targetDate().isBefore(today)) {
                        throw ProblemException.invalidField("targetDate", "must not be in the past");
                    }
                    var request = new PlanRequest(
                            r.title().strip(),
                            r.description(),
                            r.theme(),
                            r.minutesPerWeek(),
                            r.unavailableDays(),
                            r.targetDate(),
                            today);
                    if (request.unavailableDays().size() == 7) {
                        throw ProblemException.invalidField("unavailableDays", "leaves no day of the week");
                    }
                    return vertx.executeBlocking(Uni.createFrom().item(() -> {
                                budget.admit(caller.id());
                                return planner.plan(request, caller.id(), "plan-preview");
                            }))
                            .map(made -> view(made, request));
                });
    }

    @POST
    @Path("/jobs/{job}/run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Run a scheduled job now (admin): reminders, weekly-review, suggestions, monthly-report; for"
                    + " those it is due for at their local time, or with anyTime=true for all it has not served this"
                    + " period (a catch-up, a demo); once per period holds either way")
    public Uni<JobRun> runJob(@PathParam("job") String job, @QueryParam("anyTime") boolean anyTime) {
        var known = CoachingJob.byId(job).orElseThrow(() -> ProblemException.notFound("job " + job));
        var at = clock.instant();
        return jobs.run(known, at, anyTime).map(served -> new JobRun(job, at, served));
    }

    private static PlanView view(Planner.Made made, PlanRequest request) {
        return new PlanView(
                made.outcome(),
                made.provider(),
                made.model(),
                made.plan().rationale(),
                request.weeklyMinutes(),
                made.plan().weeklyMinutes(),
                made.plan().subgoals(),
                made.plan().habits());
    }
}
