package dev.goalcoach.sync.rest;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.sync.loader.DeadLetterReplay;
import dev.goalcoach.sync.loader.LoaderStatus;
import dev.goalcoach.sync.loader.SyncRunner;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The loader's state and the manual sync: rebuild the warehouse from the retained topics. Admins only. */
@Path("/sync")
@Tag(name = "sync")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
public class SyncResource {

    /** The loader as an admin sees it. */
    public record SyncStatus(String warehouse, LoaderStatus loader) {}

    private final SyncRunner runner;
    private final DeadLetterReplay deadLetters;

    public SyncResource(SyncRunner runner, DeadLetterReplay deadLetters) {
        this.runner = runner;
        this.deadLetters = deadLetters;
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "How many records wait in goalcoach.dlq for the next replay (dead-lettered since the last)")
    @Blocking
    public DeadLetterReplay.Pending deadLetters() {
        return deadLetters.pending();
    }

    @POST
    @Path("/dead-letters/replay")
    @Operation(
            summary = "Send records dead-lettered since the last replay back to the topics they came from (every"
                    + " consumer is idempotent by event id), at most max of them; reports what it replayed")
    @Blocking
    public DeadLetterReplay.Outcome replayDeadLetters(
            @QueryParam("max") @DefaultValue("1000") @Min(1) @Max(100_000) int max) throws Exception {
        return deadLetters.replay(max);
    }

    @GET
    @Path("/status")
    @Operation(summary = "The loader: state, last commit, last error, events loaded, consumer lag, replay progress")
    public SyncStatus status() {
        return new SyncStatus(runner.dialectName(), runner.status());
    }

    @POST
    @Path("/replay")
    @Operation(
            summary = "Rebuild the warehouse from the retained topics (manual sync): every loaded table is emptied"
                    + " and refilled from the start of each topic; progress at /sync/status")
    public RestResponse<SyncStatus> replay() {
        if (!runner.running()) {
            throw ProblemException.conflict("the loader is switched off here");
        }
        runner.requestReplay();
        return RestResponse.ResponseBuilder.<SyncStatus>accepted()
                .location(URI.create("/sync/status"))
                .entity(status())
                .build();
    }
}
