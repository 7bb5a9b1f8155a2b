package dev.goalcoach.member.rest;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.member.api.MemberDtos.LinkRequest;
import dev.goalcoach.member.api.MemberDtos.LoginRequest;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.api.MemberDtos.PasswordResetConfirm;
import dev.goalcoach.member.api.MemberDtos.PasswordResetRequest;
import dev.goalcoach.member.api.MemberDtos.RefreshRequest;
import dev.goalcoach.member.api.MemberDtos.RegisterRequest;
import dev.goalcoach.member.api.MemberDtos.TokenResponse;
import dev.goalcoach.member.service.AuthService;
import dev.goalcoach.member.service.EmailVerification;
import dev.goalcoach.member.service.MemberService;
import dev.goalcoach.member.service.PasswordResets;
import dev.goalcoach.member.service.ServiceClients;
import dev.goalcoach.member.service.Sessions;
import dev.goalcoach.member.service.SignInLimits;
import io.quarkus.security.Authenticated;
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
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
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
    private final Sessions sessions;
    private final EmailVerification verification;
    private final PasswordResets resets;
    private final JsonWebToken token;

    public AuthResource(
            MemberService members,
            AuthService auth,
            SignInLimits limits,
            ServiceClients clients,
            Sessions sessions,
            EmailVerification verification,
            PasswordResets resets,
            JsonWebToken token) {
        this.members = members;
        this.auth = auth;
        this.limits = limits;
        this.clients = clients;
        this.sessions = sessions;
        this.verification = verification;
        this.resets = resets;
        this.token = token;
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
        return auth.login(address(http), request.email(), request.password()).map(AuthResource::tokens);
    }

    private static TokenResponse tokens(Sessions.Pair p) {
        return new TokenResponse(
                p.access().token(),
                "Bearer",
                p.access().expiresInSeconds(),
                p.refreshToken(),
                p.refreshExpiresInSeconds());
    }

    @POST
    @Path("/refresh")
    @Operation(
            summary = "A new access token and a new refresh token for a refresh token, which is then spent; a spent"
                    + " one used again ends its whole session (every token of that sign-in)")
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or spent refresh token")
    public Uni<TokenResponse> refresh(@NotNull @Valid RefreshRequest request) {
        return sessions.refresh(request.refreshToken()).map(AuthResource::tokens);
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Ends the session of a refresh token (its access token runs out within minutes)")
    @APIResponse(responseCode = "204", description = "Signed out (also for a token already spent or unknown)")
    public Uni<RestResponse<Void>> logout(@NotNull @Valid RefreshRequest request) {
        return sessions.logout(request.refreshToken()).replaceWith(RestResponse.noContent());
    }

    @POST
    @Path("/verify-email")
    @Operation(summary = "Verifies the email with a verification link's token (what the mailed link does in a browser)")
    @APIResponse(responseCode = "400", description = "The link was used, has expired, or is not one")
    public Uni<MemberView> verifyEmail(@NotNull @Valid LinkRequest request) {
        return verification.verify(request.token()).map(MemberView::of);
    }

    @POST
    @Path("/verify-email/resend")
    @Authenticated
    @Operation(summary = "Mails the signed-in member a new verification link (earlier ones stop working)")
    @APIResponse(responseCode = "409", description = "The email is verified already")
    @APIResponse(responseCode = "429", description = "Too many asked for")
    public Uni<RestResponse<Void>> resendVerification() {
        return verification.resend(Caller.of(token)).replaceWith(RestResponse.accepted());
    }

    @POST
    @Path("/password-reset")
    @Operation(
            summary = "Mails a password reset link if an account has this email; the answer is the same whether one"
                    + " has or not")
    @APIResponse(responseCode = "202", description = "Asked (a mail follows if the email has an account)")
    @APIResponse(responseCode = "429", description = "Too many asked for from this address or for this email")
    public Uni<RestResponse<Map<String, String>>> requestReset(
            @NotNull @Valid PasswordResetRequest request, @Context HttpServerRequest http) {
        return resets.request(address(http), request.email())
                .replaceWith(RestResponse.accepted(Map.of(
                        "status", "If an account has this email, a link to choose a new password is on its way.")));
    }

    @POST
    @Path("/password-reset/confirm")
    @Operation(summary = "Sets a new password with a reset link's token; every session of the member ends")
    @APIResponse(responseCode = "400", description = "Unusable link, or a password that is too weak")
    public Uni<RestResponse<Void>> confirmReset(@NotNull @Valid PasswordResetConfirm request) {
        return resets.reset(request.token(), request.password()).replaceWith(RestResponse.noContent());
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
        return new TokenResponse(t.token(), "Bearer", t.expiresInSeconds(), null, null);
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
