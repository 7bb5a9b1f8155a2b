package dev.goalcoach.mentor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard client over HTTP (the browser's view: {@code DashboardBrowserTest}): the cookie session and its
 * flags, CSRF on every form, mentors only, the same rules and audit as the API, and what each page shows.
 */
@QuarkusTest
class AppTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** A mentor who can sign in, with a session opened; answers the session cookie and its CSRF token. */
    record SignedIn(UUID mentor, String token, String cookie, String csrf) {}

    static SignedIn signIn(UUID mentor, String role) {
        String email = "m-" + UUID.randomUUID() + "@example.org";
        String token = "MENTOR".equals(role) ? TestTokens.mentor(mentor) : TestTokens.member(mentor);
        UpstreamStub.LOGINS.put(email, new UpstreamStub.Login("Correct-horse-9", token));
        var form = given().get("/mentor/app/login");
        String login = form.getCookie("gc_mentor_login");
        var in = given().redirects()
                .follow(false)
                .cookie("gc_mentor_login", login)
                .formParam("email", email)
                .formParam("password", "Correct-horse-9")
                .formParam("csrf", csrf(form))
                .post("/mentor/app/login");
        String session = in.getCookie("gc_mentor_session");
        if (session == null) {
            return new SignedIn(mentor, token, null, null);
        }
        var roster = given().cookie("gc_mentor_session", session).get("/mentor/app/roster");
        return new SignedIn(mentor, token, session, csrf(roster));
    }

    static String csrf(Response page) {
        var m = CSRF.matcher(page.asString());
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    @Test
    void aMentorSignsInWithAStrictHttpOnlyCookieAndSeesTheRosterRiskiestFirst() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var slipping = Mentees.slipping(mentor);
        var calm = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        UpstreamStub.ROSTERS.put(
                mentor,
                List.of(
                        UpstreamStub.rosterEntry(slipping, "Sam", 62, "HIGH", List.of(100, 0, 0)),
                        UpstreamStub.rosterEntry(calm, "Cleo", 5, "LOW", List.of(100, 100, 100))));
        String email = "maya-" + UUID.randomUUID() + "@example.org";
        UpstreamStub.LOGINS.put(email, new UpstreamStub.Login("Correct-horse-9", TestTokens.mentor(mentor)));

        var form = given().get("/mentor/app/login")
                .then()
                .statusCode(200)
                .extract()
                .response();
        String loginCookie = form.getDetailedCookie("gc_mentor_login").getValue();
        assertThat(form.getDetailedCookie("gc_mentor_login").isHttpOnly()).isTrue();
        assertThat(form.getHeader("Set-Cookie")).contains("SameSite=Strict");
        // without the form's own cookie: refused
        given().formParam("email", email)
                .formParam("password", "Correct-horse-9")
                .formParam("csrf", csrf(form))
                .post("/mentor/app/login")
                .then()
                .statusCode(403);
        // a wrong password: the page again, 401, and no session
        var wrong = given().cookie("gc_mentor_login", loginCookie)
                .formParam("email", email)
                .formParam("password", "wrong")
                .formParam("csrf", csrf(form))
                .post("/mentor/app/login");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.asString()).contains("do not match");
        assertThat(wrong.getCookie("gc_mentor_session")).isNull();

        var in = given().redirects()
                .follow(false)
                .cookie("gc_mentor_login", loginCookie)
                .formParam("email", email)
                .formParam("password", "Correct-horse-9")
                .formParam("csrf", csrf(form))
                .post("/mentor/app/login");
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.getHeader("Location")).endsWith("/mentor/app/roster");
        var session = in.getDetailedCookie("gc_mentor_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getPath()).isEqualTo("/mentor/app");
        assertThat(in.getHeaders().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("gc_mentor_session=").contains("SameSite=Strict"));
        // the browser holds a random value; the table only its hash
        assertThat(Rows.count("select count(*) from mentor_app_sessions where id_hash = '" + session.getValue() + "'"))
                .isZero();
        assertThat(Rows.count("select count(*) from mentor_app_sessions where member_id = '" + mentor + "'"))
                .isEqualTo(1);

        var roster = given().cookie("gc_mentor_session", session.getValue())
                .get("/mentor/app/roster")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Cache-Control", equalTo("no-store"))
                .extract()
                .asString();
        assertThat(roster)
                .containsSubsequence("data-member=\"" + slipping, "data-member=\"" + calm)
                .contains("<polyline points=\"0.0,2.0 60.0,22.0 120.0,22.0\"/>")
                .contains("last 3 days: 33 % of owed days met on average");
        // no session: to the sign-in page
        given().redirects()
                .follow(false)
                .get("/mentor/app/roster")
                .then()
                .statusCode(303)
                .header("Location", containsString("/mentor/app/login"));
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", "forged")
                .get("/mentor/app/roster")
                .then()
                .statusCode(303);
    }

    @Test
    void onlyMentorsSignInAndSigningOutEndsTheSession() throws Exception {
        var member = DirectoryMembers.known("MEMBER", "UTC", null, null);
        var refused = signIn(member, "MEMBER");
        assertThat(refused.cookie()).isNull();
        assertThat(Rows.count("select count(*) from mentor_app_sessions where member_id = '" + member + "'"))
                .isZero();

        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var s = signIn(mentor, "MENTOR");
        // a form without the session's CSRF token: 403, still signed in
        given().cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", "guess")
                .post("/mentor/app/logout")
                .then()
                .statusCode(403);
        given().cookie("gc_mentor_session", s.cookie())
                .get("/mentor/app/roster")
                .then()
                .statusCode(200);
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .post("/mentor/app/logout")
                .then()
                .statusCode(303)
                .header("Location", containsString("/mentor/app/login"));
        assertThat(Rows.count("select count(*) from mentor_app_sessions where member_id = '" + mentor + "'"))
                .isZero();
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", s.cookie())
                .get("/mentor/app/roster")
                .then()
                .statusCode(303);
        // ... and at member-service: its refresh token's session ended there too
        assertThat(UpstreamStub.LOGOUTS).isNotEmpty();
        assertThat(UpstreamStub.REFRESHES).doesNotContainKey(UpstreamStub.LOGOUTS.get(UpstreamStub.LOGOUTS.size() - 1));
    }

    @Test
    void aSessionRenewsItsShortTokenAndEndsWhenMemberServiceStopsRenewingIt() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        UpstreamStub.ROSTERS.put(mentor, List.of());
        String email = "short-" + UUID.randomUUID() + "@example.org";
        // the token member-service signs in with runs out within the renewal margin: the next request renews it
        String shortLived =
                TestTokens.until(mentor, "MENTOR", java.time.Instant.now().plusSeconds(20));
        String renewed = TestTokens.mentor(mentor);
        UpstreamStub.LOGINS.put(email, new UpstreamStub.Login("Correct-horse-9", shortLived, renewed));
        var form = given().get("/mentor/app/login");
        String session = given().redirects()
                .follow(false)
                .cookie("gc_mentor_login", form.getCookie("gc_mentor_login"))
                .formParam("email", email)
                .formParam("password", "Correct-horse-9")
                .formParam("csrf", csrf(form))
                .post("/mentor/app/login")
                .getCookie("gc_mentor_session");
        assertThat(session).isNotNull();
        String stored = "select refresh_token from mentor_app_sessions where member_id = '" + mentor + "'";
        String first = Rows.text(stored);

        UpstreamStub.AUTHORIZATIONS.clear();
        given().cookie("gc_mentor_session", session)
                .get("/mentor/app/roster")
                .then()
                .statusCode(200);
        // renewed once: the first refresh token spent, the new pair kept, the new access token relayed
        assertThat(UpstreamStub.REFRESHES_SEEN).contains(first);
        String second = Rows.text(stored);
        assertThat(second).isNotEqualTo(first);
        assertThat(UpstreamStub.AUTHORIZATIONS).contains("Bearer " + renewed).doesNotContain("Bearer " + shortLived);
        given().cookie("gc_mentor_session", session)
                .get("/mentor/app/roster")
                .then()
                .statusCode(200);
        assertThat(Rows.text(stored)).as("a fresh token is not renewed again").isEqualTo(second);

        // member-service signs the mentor out everywhere: the refresh token stops working, and so does the session
        // once its token needs renewing
        UpstreamStub.REFRESHES.remove(second);
        Rows.execute("update mentor_app_sessions set token = '" + shortLived + "' where member_id = '" + mentor + "'");
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", session)
                .get("/mentor/app/roster")
                .then()
                .statusCode(303)
                .header("Location", containsString("/mentor/app/login"));
        assertThat(Rows.count("select count(*) from mentor_app_sessions where member_id = '" + mentor + "'"))
                .isZero();
    }

    @Test
    void theMenteePageAsksTheCopilotDecidesSuggestionsKeepsNotesAndAcknowledgesAlerts() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        var s = signIn(mentor, "MENTOR");
        var alert = AlertsTest.alert(mentee);
        String page = "/mentor/app/mentees/" + mentee;

        var view = given().cookie("gc_mentor_session", s.cookie())
                .get(page)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(view)
                .contains("adherence 43 % this week") // the risk reason, in words
                .contains("43 %")
                .contains("id=\"chart-data\"")
                .contains("/mentor/app/assets/uPlot.iife.min.js")
                .contains("Shared words.")
                .contains("alert-" + alert);
        // viewing the page is a dashboard view in the audit
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + mentor
                        + "' and member_id = '" + mentee + "' and kind = 'dashboard'"))
                .isEqualTo(1);

        // the copilot: an empty question is the page again with 400; a question is answered and audited
        given().cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .formParam("message", " ")
                .post(page + "/ask")
                .then()
                .statusCode(400)
                .body(containsString("1 to 2,000 characters"));
        given().cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .formParam("message", "x".repeat(2_001))
                .post(page + "/ask")
                .then()
                .statusCode(400);
        given().cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .formParam("message", "How is she doing?")
                .post(page + "/ask")
                .then()
                .statusCode(200)
                .body(containsString("id=\"answer\""))
                .body(containsString("43 %"));
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + mentor
                        + "' and member_id = '" + mentee + "' and kind = 'copilot'"))
                .isEqualTo(1);

        // a suggestion accepted at goal-service with the mentor's own token
        String suggestion = (String) UpstreamStub.SUGGESTIONS.values().stream()
                .flatMap(List::stream)
                .filter(sg -> view.contains(String.valueOf(sg.get("id"))))
                .findFirst()
                .orElseThrow()
                .get("id");
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .post(page + "/suggestions/" + suggestion + "/accept")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=accepted"));
        assertThat(UpstreamStub.DECISIONS).contains(suggestion + " accept Bearer " + s.token());

        // a note, then an alert acknowledged
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .formParam("text", "Call on Friday.")
                .post(page + "/notes")
                .then()
                .statusCode(303);
        assertThat(Rows.count("select count(*) from mentor_notes where member_id = '" + mentee + "'"))
                .isEqualTo(1);
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .formParam("back", "mentee")
                .post("/mentor/app/alerts/" + alert + "/acknowledge")
                .then()
                .statusCode(303)
                .header("Location", containsString(page));
        assertThat(Rows.count("select count(*) from mentor_alerts where id = '" + alert + "' and acknowledged_by = '"
                        + mentor + "'"))
                .isEqualTo(1);
        // a note over its limit changes nothing
        given().cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .formParam("text", "x".repeat(4_001))
                .post(page + "/notes")
                .then()
                .statusCode(400);
        assertThat(Rows.count("select count(*) from mentor_notes where member_id = '" + mentee + "'"))
                .isEqualTo(1);
    }

    @Test
    void someoneElsesMenteeIsANotFoundPageAndTheRefusalIsAudited() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var other = DirectoryMembers.known("MEMBER", "UTC", DirectoryMembers.known("MENTOR", "UTC", null, null), null);
        var s = signIn(mentor, "MENTOR");
        given().cookie("gc_mentor_session", s.cookie())
                .get("/mentor/app/mentees/" + other)
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(not(containsString("Exception")));
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + mentor
                        + "' and member_id = '" + other + "' and outcome = 'DENIED'"))
                .isEqualTo(1);
        given().cookie("gc_mentor_session", s.cookie())
                .get("/mentor/app/mentees/not-an-id")
                .then()
                .statusCode(404);
        given().cookie("gc_mentor_session", s.cookie())
                .formParam("csrf", s.csrf())
                .post("/mentor/app/alerts/" + AlertsTest.alert(other) + "/acknowledge")
                .then()
                .statusCode(404);
    }

    @Test
    void theChartLibraryComesFromItsWebjar() {
        given().get("/mentor/app/assets/uPlot.iife.min.js")
                .then()
                .statusCode(200)
                .contentType(containsString("text/javascript"))
                .body(containsString("uPlot"));
        given().get("/mentor/app/assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/mentor/app/assets/secrets.txt").then().statusCode(404);
    }
}
