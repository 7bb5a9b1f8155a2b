package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.embedded.MailServer;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.MemberContact;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.MailServerResource;
import dev.goalcoach.testkit.PublishedRecords;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A new address is proved by a single-use link mailed to it, through a real SMTP server. */
@QuarkusTest
class EmailVerificationTest {

    @Inject
    ServiceClock clock;

    private static MailServer.Mail awaitMail(String email, String subjectPart) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> MailServerResource.server().to(email).stream()
                                .filter(m -> m.subject().contains(subjectPart))
                                .reduce((a, b) -> b),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void signUpMailsALinkThatVerifiesTheAddressOnce() {
        String email = Api.uniqueEmail("vera");
        UUID id = Api.register(email, "Europe/Paris");
        String token = Api.login(email, "Correct-horse-9");
        as(token).get("/members/" + id).then().statusCode(200).body("emailVerified", equalTo(false));

        var mail = awaitMail(email, "Confirm your email");
        assertThat(mail.from()).isEqualTo("no-reply@goalcoach.local");
        assertThat(mail.text()).contains("Hello Ana").contains("http://127.0.0.1:8080/auth/verify-email?token=");
        assertThat(mail.html()).contains("<a href=\"http://127.0.0.1:8080/auth/verify-email?token=");
        String link = Api.verificationLink(email);

        anonymous()
                .get(link)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString(email + " is confirmed"));
        as(token).get("/members/" + id).then().statusCode(200).body("emailVerified", equalTo(true));

        // single-use: the same link again is a 400, as a page for a browser and as problem+json for a client
        anonymous().get(link).then().statusCode(400).body(containsString("This link does not work"));
        String raw = link.substring(link.indexOf("token=") + 6);
        anonymous()
                .body(Map.of("token", raw))
                .post("/auth/verify-email")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        // and nothing else either
        anonymous()
                .body(Map.of("token", "x".repeat(43)))
                .post("/auth/verify-email")
                .then()
                .statusCode(400);
        anonymous().body(Map.of()).post("/auth/verify-email").then().statusCode(400);
        // verified: no new link to ask for
        as(token).post("/auth/verify-email/resend").then().statusCode(409);
    }

    @Test
    void theServicesThatSendMailHearOfTheAddressOnItsOwnTopic() throws Exception {
        String email = Api.uniqueEmail("topic");
        UUID id = Api.register(email, "UTC");
        anonymous().get(Api.verificationLink(email)).then().statusCode(200);
        String token = Api.login(email, "Correct-horse-9");
        as(token).delete("/members/" + id).then().statusCode(204);

        // set, verified, forgotten: goalcoach.contacts, never the members topic the warehouse loads
        var contacts =
                PublishedRecords.await(Topics.CONTACTS, r -> id.toString().equals(r.key()), 3, Duration.ofSeconds(30));
        assertThat(contacts).allMatch(r -> r.type().equals(EventCatalog.MEMBER_CONTACT_CHANGED.type()));
        var seen = contacts.stream()
                .map(r -> EventJson.read(r.dataAsString().getBytes(), MemberContact.class))
                .toList();
        assertThat(seen.get(0).email()).isEqualTo(email);
        assertThat(seen.get(0).emailVerified()).isFalse();
        assertThat(seen.get(1).emailVerified()).isTrue();
        assertThat(seen.get(1).revision()).isGreaterThan(seen.get(0).revision());
        assertThat(seen.get(2).email()).isNull();
        assertThat(seen.get(2).revision()).isGreaterThan(seen.get(1).revision());
        assertThat(PublishedRecords.all(Topics.MEMBERS, r -> id.toString().equals(r.key()), Duration.ofSeconds(2)))
                .noneMatch(r -> r.dataAsString().contains(email));
    }

    @Test
    void aMentorWaitsForAVerifiedAddress() {
        String admin = Api.adminToken();
        UUID mentor = Api.createMentor(admin);
        String email = Api.uniqueEmail("mel");
        UUID member = Api.register(email, "UTC");

        as(admin)
                .body(Map.of("mentorId", mentor.toString()))
                .put("/members/" + member + "/mentor")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("verified"));
        as(admin)
                .body(Map.of("mentorId", mentor.toString()))
                .put("/members/" + member)
                .then()
                .statusCode(409);
        as(admin).get("/members/" + member).then().body("mentorId", equalTo(null));

        anonymous().get(Api.verificationLink(email)).then().statusCode(200);
        as(admin)
                .body(Map.of("mentorId", mentor.toString()))
                .put("/members/" + member + "/mentor")
                .then()
                .statusCode(200)
                .body("mentorId", equalTo(mentor.toString()));
    }

    @Test
    void aNewAddressIsVerifiedAgainAndTheOldOneIsTold() {
        String email = Api.uniqueEmail("cam");
        UUID id = Api.register(email, "UTC");
        String token = Api.login(email, "Correct-horse-9");
        anonymous().get(Api.verificationLink(email)).then().statusCode(200);
        // a link asked for earlier, still unused, stops proving anything once the address changes
        String newEmail = Api.uniqueEmail("cam-new");
        as(token)
                .body(Map.of("email", newEmail))
                .put("/members/" + id)
                .then()
                .statusCode(200)
                .body("email", equalTo(newEmail))
                .body("emailVerified", equalTo(false));

        var notice = awaitMail(email, "was changed");
        assertThat(notice.text()).contains(newEmail);
        String link = Api.verificationLink(newEmail);
        anonymous().get(link).then().statusCode(200);
        as(token).get("/members/" + id).then().body("emailVerified", equalTo(true));

        // each change mails two addresses: a member changes theirs only so often
        int status = 0;
        for (int i = 0; i < 6 && status != 429; i++) {
            status = as(token)
                    .body(Map.of("email", Api.uniqueEmail("cam-" + i)))
                    .put("/members/" + id)
                    .then()
                    .extract()
                    .statusCode();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void aResentLinkReplacesTheFirstAndLinksExpire() {
        String email = Api.uniqueEmail("rex");
        UUID id = Api.register(email, "UTC");
        String token = Api.login(email, "Correct-horse-9");
        String first = Api.verificationLink(email);

        as(token).post("/auth/verify-email/resend").then().statusCode(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !Api.verificationLink(email).equals(first));
        String second = Api.verificationLink(email);
        anonymous().get(first).then().statusCode(400);

        // 48 hours later the second has expired too
        clock.runFrom(clock.instant().plus(Duration.ofHours(49)));
        try {
            anonymous().get(second).then().statusCode(400);
            as(token).get("/members/" + id).then().body("emailVerified", equalTo(false));
        } finally {
            clock.release();
        }
        // a member may ask only so often
        int status = 0;
        for (int i = 0; i < 6 && status != 429; i++) {
            status =
                    as(token).post("/auth/verify-email/resend").then().extract().statusCode();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void mailAcceptedWhileTheServerIsDownArrivesWhenItIsBack() {
        MailServer smtp = MailServerResource.server();
        String email = Api.uniqueEmail("outage");
        smtp.stop();
        try {
            Api.register(email, "UTC"); // accepted: the mail waits in the queue
            // the relay keeps trying while nothing listens
            Awaitility.await().pollDelay(Duration.ofMillis(600)).until(() -> true);
        } finally {
            smtp.restart();
        }
        anonymous().get(Api.verificationLink(email)).then().statusCode(200);
    }
}
