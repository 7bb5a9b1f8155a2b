package dev.goalcoach.member.rest;

import dev.goalcoach.member.api.MemberDtos.LoginRequest;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.api.MemberDtos.RegisterRequest;
import dev.goalcoach.member.api.MemberDtos.TokenResponse;
import dev.goalcoach.member.service.AuthService;
import dev.goalcoach.member.service.MemberService;
import dev.goalcoach.member.service.SignInLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
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

    public AuthResource(MemberService members, AuthService auth, SignInLimits limits) {
        this.members = members;
        this.auth = auth;
        this.limits = limits;
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
}
