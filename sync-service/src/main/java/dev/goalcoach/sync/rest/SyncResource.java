package dev.goalcoach.sync.rest;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.sync.loader.LoaderStatus;
import dev.goalcoach.sync.loader.SyncRunner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

    public SyncResource(SyncRunner runner) {
        this.runner = runner;
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
