package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.Topics;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad request gets a 4xx problem+json saying what is wrong, and nothing is written. */
@QuarkusTest
class BadInputTest {

    static Map<String, Object> signup(String email) {
        var m = new HashMap<String, Object>();
        m.put("email", email);
        m.put("password", "Correct-horse-9");
        m.put("displayName", "Ana");
        m.put("timezone", "Europe/Madrid");
        return m;
    }

    static Stream<Arguments> badSignups() {
        return Stream.of(
                Arguments.of("missing email", without("email"), "email"),
                Arguments.of("missing password", without("password"), "password"),
                Arguments.of("missing time zone", without("timezone"), "timezone"),
                Arguments.of("invalid email", with("email", "ana-at-example.org"), "email"),
                Arguments.of("oversized email", with("email", "a".repeat(250) + "@example.org"), "email"),
                Arguments.of("oversized name", with("displayName", "A".repeat(101)), "displayName"),
                Arguments.of("blank name", with("displayName", "   "), "displayName"),
                Arguments.of("unknown time zone", with("timezone", "Mars/Olympus_Mons"), "timezone"),
                Arguments.of("offset, not a zone", with("timezone", "+05:00"), "timezone"),
                Arguments.of("short password", with("password", "Short-1"), "password"),
                Arguments.of("letters only", with("password", "onlyletterspassword"), "password"),
                Arguments.of("common password", with("password", "Password123"), "password"),
                // bcrypt reads 72 bytes: a longer password is refused rather than cut short (it was a 500)
                Arguments.of(
                        "password over 72 bytes", with("password", "Correct-horse-9" + "x".repeat(60)), "password"),
                Arguments.of(
                        "72 bytes passed in fewer characters", with("password", "Ünïcödé-9".repeat(8)), "password"),
                Arguments.of("wrong type", with("timezone", 42), "timezone"),
                Arguments.of("making yourself admin", with("role", "ADMIN"), "role"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignups")
    void badSignupIsRefusedAndWritesNothing(String why, Map<String, Object> change, String field) throws Exception {
        String email = Api.uniqueEmail("bad");
        var body = signup(email);
        body.putAll(change);
        if (change.containsKey("__remove")) {
            body.remove(change.get("__remove"));
            body.remove("__remove");
        }
        // no member, and no event: not even one written and rolled back (the outbox's sequence would have moved)
        long before = Rows.count("select count(*) from members")
                + Rows.count("select last_value + is_called::int from outbox_seq_seq");

        anonymous()
                .body(body)
                .post("/auth/register")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(field))
                .body("detail", not(containsString("Exception")));

        assertThat(Rows.count("select count(*) from members")
                        + Rows.count("select last_value + is_called::int from outbox_seq_seq"))
                .isEqualTo(before);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsAWrongPasswordAtLogin() {
        String email = Api.uniqueEmail("long");
        Api.register(email, "UTC");
        anonymous()
                .body(Map.of("email", email, "password", "Correct-horse-9" + "x".repeat(100)))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aPageWhoseOffsetWouldOverflowIsRefusedAndTheLastOneIsEmpty() {
        String admin = Api.adminToken();
        // page × size past an int was a 500 (the offset overflowed)
        as(admin)
                .get("/members?page=2147483647&size=200")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("page"));
        as(admin)
                .get("/members?page=" + PageView.MAX_PAGE + "&size=200")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("page", equalTo(PageView.MAX_PAGE));
    }

    @Test
    void malformedJsonIsRefused() {
        anonymous()
                .body("{\"email\": \"ana@example.org\", ")
                .post("/auth/register")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request body is not valid JSON"));
        anonymous().body("").post("/auth/register").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT)
                .body("hello")
                .post("/auth/register")
                .then()
                .statusCode(415);
    }

    @Test
    void duplicateEmailInAnyLetterCaseIsAConflict() throws SQLException {
        String email = Api.uniqueEmail("dup");
        Api.register(email, "UTC");
        long before = Rows.count("select count(*) from members");

        anonymous()
                .body(signup(email.toUpperCase()))
                .post("/auth/register")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        assertThat(Rows.count("select count(*) from members")).isEqualTo(before);
    }

    @Test
    void concurrentSignupsWithOneEmailMakeOneMemberAndConflictsNotErrors() throws Exception {
        String email = Api.uniqueEmail("race");
        var pool = Executors.newFixedThreadPool(8);
        try {
            var answers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                String spelling = i % 2 == 0 ? email : email.toUpperCase();
                answers.add(pool.submit(() -> anonymous()
                        .body(signup(spelling))
                        .post("/auth/register")
                        .statusCode()));
            }
            var codes = new ArrayList<Integer>();
            for (var a : answers) {
                codes.add(a.get(60, TimeUnit.SECONDS));
            }
            assertThat(codes).containsOnly(201, 409);
            assertThat(codes.stream().filter(c -> c == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Rows.count("select count(*) from members where email = '" + email + "'"))
                .isEqualTo(1);
        var id = UUID.fromString(Rows.text("select id::text from members where email = '" + email + "'"));
        assertThat(PublishedRecords.written(id, Topics.MEMBERS).stream()
                        .filter(r -> EventCatalog.MEMBER_CREATED.type().equals(r.type())))
                .hasSize(1);
    }

    @Test
    void aMemberCannotMakeThemselvesAdminOrPickTheirMentor() throws SQLException {
        String email = Api.uniqueEmail("climber");
        var id = Api.register(email, "UTC");
        String token = Api.login(email, "Correct-horse-9");
        var mentor = Api.createMentor(Api.adminToken());
        long events = PublishedRecords.written(id, Topics.MEMBERS).size();

        as(token)
                .body(Map.of("role", "ADMIN"))
                .put("/members/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(token)
                .body(Map.of("mentorId", mentor.toString()))
                .put("/members/" + id)
                .then()
                .statusCode(403);
        as(token)
                .body(Map.of("mentorId", mentor.toString()))
                .put("/members/" + id + "/mentor")
                .then()
                .statusCode(403);
        // sending back your own values unchanged is fine (clients PUT the whole object)
        as(token)
                .body(Map.of("role", "MEMBER", "displayName", "Same"))
                .put("/members/" + id)
                .then()
                .statusCode(200);

        as(token).get("/members/" + id).then().body("role", equalTo("MEMBER")).body("mentorId", equalTo(null));
        assertThat(PublishedRecords.written(id, Topics.MEMBERS)).hasSize((int) events + 1);
    }

    @Test
    void changingYourPasswordNeedsTheCurrentOne() {
        String email = Api.uniqueEmail("pw");
        var id = Api.register(email, "UTC");
        String token = Api.login(email, "Correct-horse-9");

        as(token)
                .body(Map.of("password", "Brand-new-pass-5"))
                .put("/members/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("currentPassword"));
        as(token)
                .body(Map.of("password", "Brand-new-pass-5", "currentPassword", "Wrong-pass-55"))
                .put("/members/" + id)
                .then()
                .statusCode(400);
        as(token)
                .body(Map.of("password", "Brand-new-pass-5", "currentPassword", "Correct-horse-9"))
                .put("/members/" + id)
                .then()
                .statusCode(200);
        Api.login(email, "Brand-new-pass-5");
    }

    @Test
    void pageSizeOverTheLimitAndMalformedIdsAreRefused() {
        String admin = Api.adminToken();
        as(admin)
                .get("/members?size=201")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("size"));
        as(admin).get("/members?page=-1").then().statusCode(400);
        as(admin)
                .get("/members?role=OWNER")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("role"));
        as(admin).get("/members?mentorId=42").then().statusCode(400).body("detail", containsString("mentorId"));
        as(admin).get("/members/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        as(admin).get("/members/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void assigningSomeoneWhoIsNotAMentorIsRefused() {
        String admin = Api.adminToken();
        var member = Api.register(Api.uniqueEmail("m"), "UTC");
        var notAMentor = Api.register(Api.uniqueEmail("n"), "UTC");
        Api.verifyEmail(member);
        as(admin)
                .body(Map.of("mentorId", notAMentor.toString()))
                .put("/members/" + member + "/mentor")
                .then()
                .statusCode(400)
                .body("detail", containsString("mentorId"));
    }

    private static Map<String, Object> with(String field, Object value) {
        return Map.of(field, value);
    }

    private static Map<String, Object> without(String field) {
        return Map.of("__remove", field);
    }

    private static RequestSpecification given() {
        return RestAssured.given();
    }
}
