package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;

import dev.goalcoach.testkit.MailServerResource;
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

    /** The member's address verified, by the link of the last verification mail it received (through SMTP). */
    static void verifyEmail(UUID member) {
        String email = as(adminToken())
                .get("/members/" + member)
                .then()
                .statusCode(200)
                .extract()
                .path("email");
        anonymous().get(verificationLink(email)).then().statusCode(200);
    }

    /** The path and query of the last verification link mailed to {@code email}, once it arrived. */
    static String verificationLink(String email) {
        return lastLink(email, "/auth/verify-email?token=");
    }

    /** The path and query of the newest link containing {@code path} mailed to {@code email}, once one arrived. */
    static String lastLink(String email, String path) {
        var link = new java.util.concurrent.atomic.AtomicReference<String>();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> {
                    var mails = MailServerResource.server().to(email);
                    for (int i = mails.size() - 1; i >= 0; i--) {
                        link.set(mails.get(i).link(path)); // from the path on: the test calls the service itself
                        if (link.get() != null) {
                            return true;
                        }
                    }
                    return false;
                });
        return link.get();
    }

    /** Assigns a mentor to a member, verifying the member's address first (a mentor needs it verified). */
    static void assignMentor(String adminToken, UUID member, UUID mentor) {
        verifyEmail(member);
        as(adminToken)
                .body(Map.of("mentorId", mentor.toString()))
                .put("/members/" + member + "/mentor")
                .then()
                .statusCode(200);
    }

    private Api() {}
}
