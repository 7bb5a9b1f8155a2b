package dev.goalcoach.mentor.rest;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.RemoteFailures;
import dev.goalcoach.mentor.MentorNote;
import dev.goalcoach.mentor.api.MentorDtos;
import dev.goalcoach.mentor.api.MentorDtos.CopilotAnswer;
import dev.goalcoach.mentor.api.MentorDtos.CopilotQuestion;
import dev.goalcoach.mentor.api.MentorDtos.NoteRequest;
import dev.goalcoach.mentor.client.SuggestionDecisions;
import dev.goalcoach.mentor.service.AlertService;
import dev.goalcoach.mentor.service.AppSessions;
import dev.goalcoach.mentor.service.AppSessions.Session;
import dev.goalcoach.mentor.service.CopilotService;
import dev.goalcoach.mentor.service.DashboardService;
import dev.goalcoach.mentor.service.NoteService;
import dev.goalcoach.mentor.service.RosterService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The mentor dashboard client: server-rendered pages (Qute) under {@code /mentor/app}, on the same services as the
 * API (so the same rules and the same audit). A cookie session ({@link AppSessions}): HttpOnly, SameSite=Strict,
 * Secure over HTTPS; every form carries the session's CSRF token (the sign-in form a token of its own cookie's).
 * Without a session a page sends the browser to sign in. Errors are pages, with the status the API would answer.
 */
@Path("/mentor/app")
@Tag(name = "dashboard client")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class AppResource {

    private static final Logger LOG = Logger.getLogger(AppResource.class);

    static final String SESSION_COOKIE = "gc_mentor_session";
    static final String LOGIN_COOKIE = "gc_mentor_login";
    static final String BASE = "/mentor/app";

    /** Flash messages by key: a redirect names one, never its words (nothing reflected from a query). */
    private static final Map<String, String> DONE = Map.of(
            "acknowledged", "Alert acknowledged.",
            "accepted", "Suggestion accepted: the plan is changed.",
            "rejected", "Suggestion rejected.",
            "noted", "Note saved.");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String csrf, String error, String email);

        static native TemplateInstance roster(AppPages.RosterPage page, String message);

        static native TemplateInstance mentee(AppPages.MenteePage page);

        static native TemplateInstance error(int status, String title, String detail, boolean signedIn);
    }

    private final AppSessions sessions;
    private final RosterService roster;
    private final DashboardService dashboard;
    private final CopilotService copilot;
    private final AlertService alerts;
    private final NoteService notes;
    private final SuggestionDecisions decisions;
    private final Vertx vertx;

    @Context
    HttpServerRequest request;

    public AppResource(
            AppSessions sessions,
            RosterService roster,
            DashboardService dashboard,
            CopilotService copilot,
            AlertService alerts,
            NoteService notes,
            SuggestionDecisions decisions,
            Vertx vertx) {
        this.sessions = sessions;
        this.roster = roster;
        this.dashboard = dashboard;
        this.copilot = copilot;
        this.alerts = alerts;
        this.notes = notes;
        this.decisions = decisions;
        this.vertx = vertx;
    }

    @GET
    @Operation(summary = "The dashboard client: the roster when signed in, the sign-in page otherwise")
    public Uni<Response> home(@CookieParam(SESSION_COOKIE) String cookie) {
        return sessions.of(cookie).map(s -> seeOther(s.isPresent() ? BASE + "/roster" : BASE + "/login"));
    }

    @GET
    @Path("/login")
    public Response loginPage() {
        String token = AppSessions.randomValue();
        return html(Response.ok(Templates.login(token, null, "")))
                .cookie(cookie(LOGIN_COOKIE, token, 600))
                .build();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> login(
            @RestForm String email,
            @RestForm String password,
            @RestForm String csrf,
            @CookieParam(LOGIN_COOKIE) String expected) {
        if (expected == null
                || csrf == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom()
                    .item(error(403, "This form has expired", "Reload the page and sign in again.", false));
        }
        String mail = email == null ? "" : email.trim();
        if (mail.isEmpty()
                || mail.length() > 254
                || password == null
                || password.isEmpty()
                || password.length() > 200) {
            return Uni.createFrom().item(loginAgain(400, "Enter your email and password.", mail, csrf));
        }
        return sessions.signIn(mail, password, request.remoteAddress().hostAddress())
                .map(in -> switch (in.outcome()) {
                    case WRONG -> loginAgain(401, "That email and password do not match.", mail, csrf);
                    case NOT_A_MENTOR ->
                        error(403, "This dashboard is for mentors", "Members use the GoalCoach app.", false);
                    case SIGNED_IN ->
                        Response.seeOther(URI.create(BASE + "/roster"))
                                .cookie(cookie(SESSION_COOKIE, in.cookie(), (int) Math.max(
                                        0, in.expiresAt().getEpochSecond() - System.currentTimeMillis() / 1000)))
                                .cookie(cookie(LOGIN_COOKIE, "", 0))
                                .build();
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("dashboard sign-in failed: %s", e.toString());
                    return loginAgain(503, "Signing in is not possible right now; try again in a moment.", mail, csrf);
                });
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> logout(@CookieParam(SESSION_COOKIE) String cookie, @RestForm String csrf) {
        return withForm(
                cookie,
                csrf,
                s -> sessions.signOut(s)
                        .map(v -> Response.seeOther(URI.create(BASE + "/login"))
                                .cookie(cookie(SESSION_COOKIE, "", 0))
                                .build()));
    }

    @GET
    @Path("/roster")
    public Uni<Response> rosterPage(@CookieParam(SESSION_COOKIE) String cookie, @QueryParam("done") String done) {
        return withPage(
                cookie,
                s -> roster.of(s.caller(), s.caller().id(), s.authorization())
                        .chain(r -> alerts.list(s.caller(), null, "OPEN", 0, 50)
                                .map(open -> page(
                                        Templates.roster(AppPages.roster(r, open.items(), s.csrf()), flash(done))))));
    }

    @GET
    @Path("/mentees/{id}")
    public Uni<Response> menteePage(
            @CookieParam(SESSION_COOKIE) String cookie, @PathParam("id") String id, @QueryParam("done") String done) {
        return withPage(cookie, s -> mentee(s, uuid(id), null, null, flash(done), 200));
    }

    @POST
    @Path("/mentees/{id}/ask")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> ask(
            @CookieParam(SESSION_COOKIE) String cookie,
            @PathParam("id") String id,
            @RestForm String csrf,
            @RestForm String message) {
        return withForm(cookie, csrf, s -> {
            UUID member = uuid(id);
            String question = message == null ? "" : message.trim();
            if (question.isEmpty() || question.length() > MentorDtos.MAX_QUESTION) {
                return mentee(s, member, question, null, "Ask a question of 1 to 2,000 characters.", 400);
            }
            return copilot.ask(s.caller(), new CopilotQuestion(s.caller().id(), member, question), s.authorization())
                    .chain(answer -> mentee(s, member, question, answer, null, 200));
        });
    }

    @POST
    @Path("/mentees/{id}/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> note(
            @CookieParam(SESSION_COOKIE) String cookie,
            @PathParam("id") String id,
            @RestForm String csrf,
            @RestForm String text) {
        return withForm(cookie, csrf, s -> {
            UUID member = uuid(id);
            String words = text == null ? "" : text.trim();
            if (words.isEmpty() || words.length() > MentorNote.MAX_TEXT) {
                return mentee(s, member, null, null, "A note is 1 to 4,000 characters.", 400);
            }
            return notes.write(s.caller(), new NoteRequest(member, words))
                    .map(n -> seeOther(BASE + "/mentees/" + member + "?done=noted#notes"));
        });
    }

    @POST
    @Path("/mentees/{id}/suggestions/{suggestion}/{decision}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(
            @CookieParam(SESSION_COOKIE) String cookie,
            @PathParam("id") String id,
            @PathParam("suggestion") String suggestion,
            @PathParam("decision") String decision,
            @RestForm String csrf) {
        return withForm(cookie, csrf, s -> {
            UUID member = uuid(id);
            UUID which = uuid(suggestion);
            if (!decision.equals("accept") && !decision.equals("reject")) {
                throw ProblemException.notFound("decision");
            }
            boolean accept = decision.equals("accept");
            return vertx.executeBlocking(Uni.createFrom().item(() -> {
                        decisions.decide(which, accept, s.authorization());
                        return true;
                    }))
                    .map(v -> seeOther(BASE + "/mentees/" + member + "?done=" + (accept ? "accepted" : "rejected")))
                    .onFailure(RemoteFailures.Refused.class)
                    .recoverWithUni(e -> mentee(
                            s,
                            member,
                            null,
                            null,
                            "goal-service refused the decision (" + ((RemoteFailures.Refused) e).status() + ").",
                            ((RemoteFailures.Refused) e).status()));
        });
    }

    @POST
    @Path("/alerts/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> acknowledge(
            @CookieParam(SESSION_COOKIE) String cookie,
            @PathParam("id") String id,
            @RestForm String csrf,
            @RestForm String back) {
        return withForm(
                cookie,
                csrf,
                s -> alerts.acknowledge(s.caller(), uuid(id))
                        .map(a -> seeOther(
                                "mentee".equals(back)
                                        ? BASE + "/mentees/" + a.memberId() + "?done=acknowledged"
                                        : BASE + "/roster?done=acknowledged")));
    }

    /** The flash message a redirect named (an unknown or missing key: none). */
    private static String flash(String key) {
        return key == null ? null : DONE.get(key);
    }

    // --- how every page and form goes ---

    private Uni<Response> mentee(
            Session s, UUID member, String question, CopilotAnswer answer, String message, int status) {
        return dashboard
                .of(s.caller(), s.caller().id(), member, s.authorization())
                .map(d -> html(Response.status(status)
                                .entity(Templates.mentee(AppPages.mentee(d, s.csrf(), question, answer, message))))
                        .build());
    }

    /** A page: with a session, {@code work}; without, to the sign-in page. */
    private Uni<Response> withPage(String cookie, Function<Session, Uni<Response>> work) {
        return sessions.of(cookie)
                .chain(found -> found.isEmpty() ? Uni.createFrom().item(seeOther(BASE + "/login")) : run(found, work));
    }

    /** A form: with a session and its CSRF token, {@code work}; without a session, to sign in; a wrong token: 403. */
    private Uni<Response> withForm(String cookie, String csrf, Function<Session, Uni<Response>> work) {
        return sessions.of(cookie).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(seeOther(BASE + "/login"));
            }
            if (!found.get().csrfMatches(csrf)) {
                return Uni.createFrom()
                        .item(error(403, "This form has expired", "Go back, reload the page and try again.", true));
            }
            return run(found, work);
        });
    }

    private Uni<Response> run(Optional<Session> session, Function<Session, Uni<Response>> work) {
        Uni<Response> done;
        try {
            done = work.apply(session.get());
        } catch (ProblemException e) {
            return Uni.createFrom().item(problem(e));
        }
        return done.onFailure(ProblemException.class).recoverWithItem(e -> problem((ProblemException) e));
    }

    private static Response problem(ProblemException e) {
        String title = switch (e.status()) {
            case 404 -> "Not found";
            case 403 -> "Not allowed";
            case 429 -> "Too many requests";
            default -> "That did not work";
        };
        return error(e.status(), title, e.getMessage(), true);
    }

    private static Response error(int status, String title, String detail, boolean signedIn) {
        return html(Response.status(status).entity(Templates.error(status, title, detail, signedIn)))
                .build();
    }

    private static Response loginAgain(int status, String error, String email, String csrf) {
        return html(Response.status(status).entity(Templates.login(csrf, error, email)))
                .build();
    }

    private static Response page(TemplateInstance page) {
        return html(Response.ok(page)).build();
    }

    /**
     * A page's headers: not cached (it shows a mentee's data), nothing from elsewhere (scripts, styles and forms from
     * this origin only; the chart data is inline JSON, not script), never framed.
     */
    private static Response.ResponseBuilder html(Response.ResponseBuilder b) {
        return b.type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .header(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("page");
        }
    }

    /** A session cookie: HttpOnly, SameSite=Strict, only under /mentor/app, Secure when the browser came by HTTPS. */
    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(BASE)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure("https".equals(request.scheme()))
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
