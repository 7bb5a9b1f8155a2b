package dev.goalcoach.member.rest;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.member.api.MemberDtos.LoginRequest;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.api.MemberDtos.RegisterRequest;
import dev.goalcoach.member.api.MemberDtos.TokenResponse;
import dev.goalcoach.member.service.AuthService;
import dev.goalcoach.member.service.MemberService;
import dev.goalcoach.member.service.ServiceClients;
import dev.goalcoach.member.service.SignInLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/auth")
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class AuthResource {

    private final MemberService members;
    private final AuthService auth;
    private final SignInLimits limits;
    private final ServiceClients clients;

    public AuthResource(MemberService members, AuthService auth, SignInLimits limits, ServiceClients clients) {
        this.members = members;
        this.auth = auth;
        this.limits = limits;
        this.clients = clients;
    }

    /** The client's address: the peer's, or behind a trusted proxy (the gateway) the one it forwards. */
    private static String address(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null ? "unknown" : peer.hostAddress();
    }

    @POST
    @Path("/register")
    @Operation(summary = "Sign up as a member (rate-limited per address and per email: 429 with Retry-After)")
    @APIResponse(responseCode = "429", description = "Too many sign-ups from this address or for this email")
    public Uni<RestResponse<MemberView>> register(
            @NotNull @Valid RegisterRequest request, @Context HttpServerRequest http) {
        limits.admitRegistration(address(http), request.email());
        return members.create(members.validate(request), request.password())
                .map(m -> RestResponse.ResponseBuilder.<MemberView>created(URI.create("/members/" + m.id))
                        .entity(MemberView.of(m))
                        .build());
    }

    @POST
    @Path("/login")
    @Operation(
            summary = "Exchange email and password for a bearer token (OAuth2 token response); rate-limited per"
                    + " address and per account's failed attempts: 429 with Retry-After")
    @APIResponse(responseCode = "429", description = "Too many attempts from this address or for this account")
    public Uni<TokenResponse> login(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        return auth.login(address(http), request.email(), request.password())
                .map(t -> new TokenResponse(t.token(), "Bearer", t.expiresInSeconds()));
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(
            summary = "A token for one of the suite's own services (OAuth2 client_credentials; the client's id and"
                    + " secret by HTTP Basic or in the form): role SERVICE, subject the client id, a few minutes long")
    @APIResponse(responseCode = "401", description = "Unknown client or wrong secret")
    @APIResponse(responseCode = "429", description = "Too many attempts from this address or for this client")
    public TokenResponse token(
            @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret,
            @HeaderParam("Authorization") String authorization,
            @Context HttpServerRequest http) {
        if (!"client_credentials".equals(grantType)) {
            throw ProblemException.invalidField("grant_type", "only client_credentials is granted here");
        }
        String id = clientId;
        String secret = clientSecret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] basic = basic(authorization.substring(6).strip());
            id = basic[0];
            secret = basic[1];
        }
        if (id == null || id.isBlank() || id.length() > 64 || secret == null || secret.length() > 256) {
            throw new ProblemException(401, "Unauthorized", "a client id and secret are needed");
        }
        var t = clients.issue(address(http), id, secret);
        return new TokenResponse(t.token(), "Bearer", t.expiresInSeconds());
    }

    /** RFC 6749 2.3.1: id and secret, each form-urlencoded, joined by a colon and base64-encoded. */
    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no colon");
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw new ProblemException(401, "Unauthorized", "the Basic credentials are not readable");
        }
    }
}
