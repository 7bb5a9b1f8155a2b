package dev.goalcoach.member.rest;

import dev.goalcoach.member.service.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys tokens are signed with (RFC 7517), for the other services and any client that verifies them. */
@Path("/.well-known/jwks.json")
@Tag(name = "auth")
@PermitAll
public class KeySetResource {

    private static final CacheControl FIVE_MINUTES = CacheControl.valueOf("public, max-age=300");

    private final SigningKeys keys;

    public KeySetResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({"application/jwk-set+json", "application/json"})
    @Operation(summary = "The token signing keys' public parts (JWKS): the current one first, then any in overlap")
    public Response keySet() {
        Map<String, Object> set = keys.keySet();
        return Response.ok(set).cacheControl(FIVE_MINUTES).build();
    }
}
