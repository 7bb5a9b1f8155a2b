package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.api.GoalDtos.JournalText;
import dev.goalcoach.goal.service.JournalService;
import dev.goalcoach.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
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

/**
 * What other services of the suite read here, with their client-credentials token (role {@code SERVICE}); not
 * routed by the gateway or the Ingress, and no member token is taken.
 */
@Path("/internal/journal")
@Tag(name = "internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@SecurityRequirement(name = "SecurityScheme")
public class InternalJournalResource {

    private final JournalService journal;
    private final JsonWebToken token;

    public InternalJournalResource(JournalService journal, JsonWebToken token) {
        this.journal = journal;
        this.token = token;
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "An entry's text at one revision, for coach-service's sentiment reading (SERVICE tokens of"
                    + " the clients allowed to read journal text only; 404 once deleted, erased or edited since)")
    public Uni<JournalText> text(@PathParam("id") UUID id, @QueryParam("revision") @Min(1) long revision) {
        return journal.text(token.getSubject(), id, revision);
    }
}
