package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.Requests;
import dev.goalcoach.testkit.SecuritySweep;
import dev.goalcoach.testkit.SecuritySweep.Fixture;
import dev.goalcoach.testkit.SecuritySweep.Target;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * member-service's operations, as its OpenAPI document lists them, swept by the test kit's {@link SecuritySweep}:
 * each with a fixture that makes what its owner owns, and strangers (another member, another mentor) who must not
 * reach it.
 */
@QuarkusTest
class SecuritySweepTest {

    private static final String PASSWORD = "Correct-horse-9";

    /** A member of their own, their token, and (when {@code mentor} is set) mentored by them. */
    private record Person(UUID id, String email, String token) {}

    private static Person member(UUID mentor) {
        String email = Api.uniqueEmail("swept");
        UUID id = Api.register(email, "UTC");
        if (mentor != null) {
            Api.assignMentor(Api.adminToken(), id, mentor);
        }
        return new Person(id, email, TestTokens.member(id));
    }

    private static Person mentor() {
        UUID id = Api.createMentor(Api.adminToken());
        return new Person(id, null, TestTokens.mentor(id));
    }

    private static UUID group(Person mentor) {
        String id = as(mentor.token())
                .body(Map.of("name", "Cohort " + UUID.randomUUID().toString().substring(0, 6)))
                .post("/groups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    /** Strangers to anything of {@code owner}'s: another member and another mentor. */
    private static List<String> strangers() {
        return List.of(member(null).token(), mentor().token());
    }

    private static Map<String, Object> newMember(String role) {
        return Map.of(
                "email",
                Api.uniqueEmail("new"),
                "password",
                PASSWORD,
                "displayName",
                "New",
                "timezone",
                "UTC",
                "role",
                role);
    }

    private static String refreshToken(Person p) {
        return Requests.anonymous()
                .body(Map.of("email", p.email(), "password", PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");
    }

    /** A password reset link for {@code p}, asked for and read from the mail. */
    private static String resetLink(Person p) {
        Requests.anonymous()
                .body(Map.of("email", p.email()))
                .post("/auth/password-reset")
                .then()
                .statusCode(202);
        return Api.lastLink(p.email(), "/auth/password-reset?token=");
    }

    @Test
    void noOperationLetsAStrangerInOrAnswersBadInputWithA5xx() throws Exception {
        var fixtures = new HashMap<String, Fixture>();
        fixtures.put("POST /auth/register", () -> {
            var body = new HashMap<>(newMember("MEMBER"));
            body.remove("role");
            return new Target("/auth/register", null, body, Set.of(201), List.of());
        });
        fixtures.put(
                "GET /.well-known/jwks.json",
                () -> new Target("/.well-known/jwks.json", null, null, Set.of(200), List.of()));
        fixtures.put("POST /auth/login", () -> {
            var p = member(null);
            return new Target(
                    "/auth/login", null, Map.of("email", p.email(), "password", PASSWORD), Set.of(200), List.of());
        });
        fixtures.put(
                "POST /auth/token",
                () -> new Target(
                        "/auth/token",
                        null,
                        Map.of(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                "coach-service",
                                "client_secret",
                                ServiceTokenTest.COACH_SECRET),
                        Set.of(200),
                        List.of()));
        fixtures.put(
                "POST /members",
                () -> new Target(
                        "/members",
                        Api.adminToken(),
                        newMember("MEMBER"),
                        Set.of(201),
                        List.of(member(null).token(), mentor().token())));
        fixtures.put("GET /members", () -> new Target("/members", member(null).token(), null, Set.of(200), List.of()));
        fixtures.put("GET /members/{id}", () -> {
            var p = member(null);
            return new Target("/members/" + p.id(), p.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /members/{id}/export", () -> {
            var p = member(null);
            return new Target("/members/" + p.id() + "/export", p.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /export/members/{memberId}", () -> {
            var p = member(null);
            return new Target("/export/members/" + p.id(), p.token(), null, Set.of(200), strangers());
        });
        fixtures.put("PUT /members/{id}", () -> {
            var p = member(null);
            return new Target(
                    "/members/" + p.id(), p.token(), Map.of("displayName", "Renamed"), Set.of(200), strangers());
        });
        fixtures.put("DELETE /members/{id}", () -> {
            var p = member(null);
            return new Target("/members/" + p.id(), p.token(), null, Set.of(204), strangers());
        });
        fixtures.put("PUT /members/{id}/mentor", () -> {
            var p = member(null);
            Api.verifyEmail(p.id());
            var m = mentor();
            return new Target(
                    "/members/" + p.id() + "/mentor",
                    Api.adminToken(),
                    Map.of("mentorId", m.id().toString()),
                    Set.of(200),
                    List.of(p.token(), m.token()));
        });
        fixtures.put("GET /mentors/{id}/mentees", () -> {
            var m = mentor();
            member(m.id());
            return new Target("/mentors/" + m.id() + "/mentees", m.token(), null, Set.of(200), strangers());
        });
        fixtures.put("POST /groups", () -> {
            var m = mentor();
            return new Target(
                    "/groups",
                    m.token(),
                    Map.of("name", "Cohort"),
                    Set.of(201),
                    List.of(member(null).token()));
        });
        fixtures.put("GET /groups", () -> new Target("/groups", mentor().token(), null, Set.of(200), List.of()));
        fixtures.put("GET /groups/{id}", () -> {
            var m = mentor();
            return new Target("/groups/" + group(m), m.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /groups/{id}/members", () -> {
            var m = mentor();
            return new Target("/groups/" + group(m) + "/members", m.token(), null, Set.of(200), strangers());
        });
        fixtures.put("PUT /groups/{id}/members/{memberId}", () -> {
            var m = mentor();
            var mentee = member(m.id());
            return new Target(
                    "/groups/" + group(m) + "/members/" + mentee.id(),
                    m.token(),
                    null,
                    Set.of(200),
                    List.of(mentee.token(), member(null).token(), mentor().token()));
        });
        fixtures.put("DELETE /groups/{id}/members/{memberId}", () -> {
            var m = mentor();
            var mentee = member(m.id());
            UUID g = group(m);
            as(m.token()).put("/groups/" + g + "/members/" + mentee.id()).then().statusCode(200);
            return new Target(
                    "/groups/" + g + "/members/" + mentee.id(),
                    m.token(),
                    null,
                    Set.of(204),
                    List.of(mentee.token(), member(null).token(), mentor().token()));
        });
        fixtures.put("DELETE /groups/{id}", () -> {
            var m = mentor();
            return new Target("/groups/" + group(m), m.token(), null, Set.of(204), strangers());
        });
        fixtures.put(
                "POST /auth/refresh",
                () -> new Target(
                        "/auth/refresh",
                        null,
                        Map.of("refresh_token", refreshToken(member(null))),
                        Set.of(200),
                        List.of()));
        fixtures.put(
                "POST /auth/logout",
                () -> new Target(
                        "/auth/logout",
                        null,
                        Map.of("refresh_token", refreshToken(member(null))),
                        Set.of(204),
                        List.of()));
        fixtures.put("DELETE /members/{id}/sessions", () -> {
            var p = member(null);
            return new Target("/members/" + p.id() + "/sessions", p.token(), null, Set.of(204), strangers());
        });
        fixtures.put("POST /auth/verify-email", () -> {
            String link = Api.verificationLink(member(null).email());
            return new Target(
                    "/auth/verify-email",
                    null,
                    Map.of("token", link.substring(link.indexOf("token=") + 6)),
                    Set.of(200),
                    List.of());
        });
        fixtures.put(
                "POST /auth/verify-email/resend",
                () -> new Target("/auth/verify-email/resend", member(null).token(), null, Set.of(202), List.of()));
        fixtures.put(
                "POST /auth/password-reset",
                () -> new Target(
                        "/auth/password-reset",
                        null,
                        Map.of("email", member(null).email()),
                        Set.of(202),
                        List.of()));
        fixtures.put("POST /auth/password-reset/confirm", () -> {
            String link = resetLink(member(null));
            return new Target(
                    "/auth/password-reset/confirm",
                    null,
                    Map.of("token", link.substring(link.indexOf("token=") + 6), "password", "Swept-new-pass-1"),
                    Set.of(204),
                    List.of());
        });
        fixtures.putAll(SecuritySweep.clockFixtures(Api.adminToken(), SecuritySweepTest::strangers));

        var report = SecuritySweep.sweep(fixtures);
        System.out.println("member-service security sweep: " + report);
        assertThat(report.findings()).as(report.toString()).isEmpty();
        assertThat(report.operations()).isEqualTo(fixtures.size());
    }
}
