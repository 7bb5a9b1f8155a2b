package dev.goalcoach.member.rest;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.HtmlPages;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.service.EmailVerification;
import dev.goalcoach.member.service.PasswordResets;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The pages a person reaches from a mailed link, in a browser: the verification link verifies and says so; the
 * reset link shows a form for the new password, which posts here. HTML, not API (left out of the OpenAPI document,
 * as the mentor dashboard's pages are): clients use {@code POST /auth/verify-email} and {@code POST
 * /auth/password-reset/confirm}. {@code EmailVerificationTest} and {@code PasswordResetTest} cover them.
 */
@Path("/auth")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class AccountPagesResource {

    private final EmailVerification verification;
    private final PasswordResets resets;
    private final Template accountPage;

    public AccountPagesResource(
            EmailVerification verification,
            PasswordResets resets,
            @Location("pages/account.html") Template accountPage) {
        this.verification = verification;
        this.resets = resets;
        this.accountPage = accountPage;
    }

    /** The mailed verification link: verifies the email and shows a page saying so. */
    @GET
    @Path("/verify-email")
    public Uni<RestResponse<String>> verifyEmail(@QueryParam("token") String token) {
        return verification
                .verify(token)
                .map(m -> page(200, "Email confirmed", "Thank you: " + m.email + " is confirmed.", null))
                .onFailure(ProblemException.class)
                .recoverWithItem(e -> page(400, "This link does not work", e.getMessage(), null));
    }

    /** The mailed reset link: a form to choose the new password, if the link still works. */
    @GET
    @Path("/password-reset")
    public Uni<RestResponse<String>> resetForm(@QueryParam("token") String token) {
        return resets.usable(token)
                .map(ok -> ok
                        ? page(200, "Choose a new password", "Choosing one signs you out everywhere.", token)
                        : page(400, "This link does not work", "It was used, has expired, or was cut short.", null));
    }

    /** The reset form, posted: the new password set, or the form again with what was wrong. */
    @POST
    @Path("/password-reset/form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> reset(@FormParam("token") String token, @FormParam("password") String password) {
        if (password == null || password.length() > MemberRules.MAX_PASSWORD) {
            return Uni.createFrom()
                    .item(page(400, "Choose a new password", "The password is missing or too long.", token));
        }
        return resets.reset(token, password)
                .map(v -> page(200, "Password changed", "Sign in with your new password.", null))
                .onFailure(ProblemException.class)
                .recoverWithItem(e -> {
                    var p = (ProblemException) e;
                    return p.errors() != null && !p.errors().isEmpty()
                            ? page(
                                    400,
                                    "Choose a new password",
                                    "The password " + p.errors().get(0).message() + ".",
                                    token)
                            : page(400, "This link does not work", p.getMessage(), null);
                });
    }

    /** A small page (Qute escapes what it is given), never cached, never sent on as a referrer. */
    private RestResponse<String> page(int status, String title, String message, String resetToken) {
        String html = accountPage
                .data("title", title)
                .data("message", message)
                .data("error", status >= 400)
                .data("resetToken", resetToken)
                .render();
        return HtmlPages.page(status, html);
    }
}
