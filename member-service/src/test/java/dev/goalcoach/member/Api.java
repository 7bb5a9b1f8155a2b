package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;

import java.util.Map;
import java.util.UUID;

/** Calls member-service the way a client would: over HTTP, with JSON and a bearer token. */
final class Api {

    static final String ADMIN_EMAIL = "root@goalcoach.test";
    static final String ADMIN_PASSWORD = "Sup3r-secret-admin";

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** Registers a member and answers their id. */
    static UUID register(String email, String timezone) {
        String id = anonymous()
                .body(Map.of("email", email, "password", "Correct-horse-9", "displayName", "Ana", "timezone", timezone))
                .post("/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    static String login(String email, String password) {
        return anonymous()
                .body(Map.of("email", email, "password", password))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    static String adminToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Creates a mentor through the admin API and answers their id. */
    static UUID createMentor(String adminToken) {
        String id = as(adminToken)
                .body(Map.of(
                        "email", uniqueEmail("mentor"),
                        "password", "Mentor-pass-77",
                        "displayName", "Maya Mentor",
                        "timezone", "Europe/Paris",
                        "role", "MENTOR"))
                .post("/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    static void assignMentor(String adminToken, UUID member, UUID mentor) {
        as(adminToken)
                .body(Map.of("mentorId", mentor.toString()))
                .put("/members/" + member + "/mentor")
                .then()
                .statusCode(200);
    }

    private Api() {}
}
