package dev.goalcoach.member.rest;

import dev.goalcoach.member.api.MemberDtos.LoginRequest;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.api.MemberDtos.RegisterRequest;
import dev.goalcoach.member.api.MemberDtos.TokenResponse;
import dev.goalcoach.member.service.AuthService;
import dev.goalcoach.member.service.MemberService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    public AuthResource(MemberService members, AuthService auth) {
        this.members = members;
        this.auth = auth;
    }

    @POST
    @Path("/register")
    @Operation(summary = "Sign up as a member")
    public Uni<RestResponse<MemberView>> register(@NotNull @Valid RegisterRequest request) {
        return members.create(members.validate(request), request.password())
                .map(m -> RestResponse.ResponseBuilder.<MemberView>created(URI.create("/members/" + m.id))
                        .entity(MemberView.of(m))
                        .build());
    }

    @POST
    @Path("/login")
    @Operation(summary = "Exchange email and password for a bearer token (OAuth2 token response)")
    public Uni<TokenResponse> login(@NotNull @Valid LoginRequest request) {
        return auth.login(request.email(), request.password())
                .map(t -> new TokenResponse(t.token(), "Bearer", t.expiresInSeconds()));
    }
}
