package dev.goalcoach.kit.members;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * This service's part of a member's data export ({@link MemberExport}), for member-service's
 * {@code GET /members/{id}/export} to gather with the caller's token relayed. Not routed by the gateway or the
 * Ingress (the public export is member-service's); the member themselves or an admin, anyone else 404.
 */
@Path("/export/members/{memberId}")
@Tag(name = "export")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.MENTOR, Roles.ADMIN})
@SecurityRequirement(name = "SecurityScheme")
public class MemberExportResource {

    private final MemberExport export;
    private final JsonWebToken token;

    public MemberExportResource(MemberExport export, JsonWebToken token) {
        this.export = export;
        this.token = token;
    }

    @GET
    @Operation(summary = "Everything this service holds about the member, table by table (self or admin)")
    public Uni<ObjectNode> export(@PathParam("memberId") UUID memberId) {
        var caller = Caller.of(token);
        if (!caller.isAdmin() && !caller.is(memberId)) {
            throw ProblemException.notFound("member " + memberId);
        }
        return export.of(memberId);
    }
}
