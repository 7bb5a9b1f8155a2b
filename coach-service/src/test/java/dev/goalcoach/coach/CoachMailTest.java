package dev.goalcoach.coach;

import static dev.goalcoach.testkit.Requests.as;
import static dev.goalcoach.testkit.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.embedded.MailServer;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberContact;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.MailServerResource;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The scheduled coaching by mail, through a real SMTP server: the 07:00 reminder in the member's zone, to a verified
 * address only, not in quiet hours (it waits for their end), and unsubscribe links that work without signing in.
 */
@ClockAt("2026-11-29T12:00:00Z")
@QuarkusTest
class CoachMailTest {

    private static final String ADMIN = TestTokens.admin(UUID.randomUUID());

    @Inject
    ServiceClock clock;

    private void run(String job, String at) {
        clock.pin(Instant.parse(at));
        as(ADMIN).post("/coach/jobs/" + job + "/run").then().statusCode(200);
    }

    /** member-service's {@code member.contact.changed}, awaited in the member's preferences. */
    private static void contact(UUID member, String email, boolean verified, long revision) {
        TestPublisher.publish(
                EventCatalog.MEMBER_CONTACT_CHANGED,
                member,
                UUID.randomUUID(),
                new MemberContact(member, email, verified, revision, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            var p = asMember(member)
                    .get("/notifications/preferences")
                    .then()
                    .extract()
                    .jsonPath();
            return email.equals(p.getString("emailAddress")) && p.getBoolean("emailVerified") == verified;
        });
    }

    /** A member in Paris with a daily habit, and an address. */
    private static UUID parisMember(String email, boolean verified) {
        var member = Given.member("Europe/Paris", null, null);
        Given.goal(member, List.of(Given.habit("Stretch", "DAILY", null, null, "2026-11-01")));
        contact(member, email, verified, 2);
        return member;
    }

    private static List<MailServer.Mail> awaitMails(String email, int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> MailServerResource.server().to(email), m -> m.size() >= count);
    }

    /**
     * Once the relay has sent all that is due for {@code member} (their queue holds nothing due), {@code email} has
     * received exactly {@code count} mails: what was never queued did not go.
     */
    private static void exactly(UUID member, String email, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Rows.count("select count(*) from mail_outbox where member_id = '" + member
                                + "' and next_attempt_at <= now()")
                        == 0);
        assertThat(MailServerResource.server().to(email)).hasSize(count);
    }

    private static int notifications(UUID member) {
        return asMember(member)
                .get("/notifications")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void theReminderArrivesByMailAt0700InTheMembersZoneOnce() throws Exception {
        String email = email("ana");
        var member = parisMember(email, true);

        run("reminders", "2026-11-30T05:59:00Z"); // 06:59 in Paris
        exactly(member, email, 0);
        run("reminders", "2026-11-30T06:00:00Z"); // 07:00 in Paris
        var mail = awaitMails(email, 1).get(0);
        assertThat(mail.subject()).isEqualTo("Today's habits");
        assertThat(mail.text())
                .contains("Today: Stretch.")
                .contains("http://127.0.0.1:8080/notifications/unsubscribe?token=")
                .contains("&kind=REMINDER");
        assertThat(mail.html()).contains("No more of these by mail");
        assertThat(notifications(member)).isEqualTo(1); // and in the app

        run("reminders", "2026-11-30T06:05:00Z"); // the same day again: nothing twice
        exactly(member, email, 1);
    }

    @Test
    void aMailDueInQuietHoursWaitsForTheirEnd() throws Exception {
        String email = email("quiet");
        var member = parisMember(email, true);
        asMember(member)
                .body(Map.of(
                        "inApp",
                        true,
                        "email",
                        true,
                        "emailKinds",
                        List.of("REMINDER", "WEEKLY_REVIEW", "MONTHLY_REPORT"),
                        "quietHours",
                        Map.of("start", "06:30", "end", "08:00")))
                .put("/notifications/preferences")
                .then()
                .statusCode(200)
                .body("quietHours.start", equalTo("06:30"))
                .body("quietHours.end", equalTo("08:00"));

        run("reminders", "2026-11-30T06:00:00Z"); // 07:00 in Paris: quiet until 08:00
        assertThat(notifications(member)).isEqualTo(1); // the app has it at once
        exactly(member, email, 0);
        // queued to go at the quiet hours' end: an hour from the run
        long waits = Rows.count("select round(extract(epoch from next_attempt_at - created_at)) from mail_outbox"
                + " where member_id = '" + member + "'");
        assertThat(waits).isEqualTo(3600);
        // the hour passes (the relay counts real time): it goes
        Rows.execute("update mail_outbox set next_attempt_at = now() where member_id = '" + member + "'");
        assertThat(awaitMails(email, 1).get(0).subject()).isEqualTo("Today's habits");
    }

    @Test
    void unsubscribeLinksWorkWithoutSigningIn() throws Exception {
        String email = email("unsub");
        var member = parisMember(email, true);
        run("reminders", "2026-11-30T06:00:00Z");
        String text = awaitMails(email, 1).get(0).text();
        String link = MailServerResource.server()
                .to(email)
                .get(0)
                .link("http://127.0.0.1:8080/notifications/unsubscribe?token=");
        String path = link.replace("http://127.0.0.1:8080", "");
        assertThat(text).contains(link);
        String reminderOnly = path.contains("&kind=REMINDER") ? path : path + "&kind=REMINDER";

        // following the link shows a page with a button and changes nothing (a mail scanner may prefetch it)
        RestAssured.given().get(reminderOnly).then().statusCode(200).body(containsString("<form method=\"post\""));
        asMember(member)
                .get("/notifications/preferences")
                .then()
                .body("emailKinds", org.hamcrest.Matchers.hasItem("REMINDER"));
        // the button (or a mail client's one-click POST) turns the reminder's mail off
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .post(reminderOnly)
                .then()
                .statusCode(200)
                .body(containsString("no longer comes by mail"));
        asMember(member)
                .get("/notifications/preferences")
                .then()
                .body("emailKinds", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("REMINDER")))
                .body("email", equalTo(true));

        run("reminders", "2026-12-01T06:00:00Z"); // the next day: in the app, not by mail
        assertThat(notifications(member)).isEqualTo(2);
        exactly(member, email, 1);

        // the link without a kind: no mail at all
        String all = path.replaceAll("&kind=[A-Z_]+", "");
        RestAssured.given().post(all).then().statusCode(200);
        asMember(member).get("/notifications/preferences").then().body("email", equalTo(false));
        // a token that is no one's
        RestAssured.given()
                .post("/notifications/unsubscribe?token=not-a-token")
                .then()
                .statusCode(400)
                .body(containsString("does not work"));
    }

    @Test
    void noMailWithoutAVerifiedAddressAndTheNewestAddressCounts() throws Exception {
        String email = email("unverified");
        var member = parisMember(email, false);
        run("reminders", "2026-11-30T06:00:00Z");
        assertThat(notifications(member)).isEqualTo(1);
        exactly(member, email, 0);

        contact(member, email, true, 3); // verified at member-service
        // an older event arriving late changes nothing
        TestPublisher.publish(
                EventCatalog.MEMBER_CONTACT_CHANGED,
                member,
                UUID.randomUUID(),
                new MemberContact(member, "old@example.org", false, 1, Instant.now()));
        run("reminders", "2026-12-01T06:00:00Z");
        assertThat(awaitMails(email, 1).get(0).subject()).isEqualTo("Today's habits");
        asMember(member)
                .get("/notifications/preferences")
                .then()
                .body("emailAddress", equalTo(email))
                .body("emailVerified", equalTo(true));

        // the member turns mail off in their preferences: none the next day
        asMember(member)
                .body(Map.of("inApp", true, "email", false, "emailKinds", List.of("REMINDER")))
                .put("/notifications/preferences")
                .then()
                .statusCode(200)
                .body("quietHours", equalTo(null));
        run("reminders", "2026-12-02T06:00:00Z");
        exactly(member, email, 1);
    }

    @Test
    void preferencesRefuseWhatTheyCannotMean() {
        var member = Given.member("UTC", null, null);
        asMember(member)
                .body(Map.of("inApp", true))
                .put("/notifications/preferences")
                .then()
                .statusCode(400);
        asMember(member)
                .body(Map.of("inApp", true, "email", true, "emailKinds", List.of("NEWSLETTER")))
                .put("/notifications/preferences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        asMember(member)
                .body(Map.of(
                        "inApp",
                        true,
                        "email",
                        true,
                        "emailKinds",
                        List.of(),
                        "quietHours",
                        Map.of("start", "25:00", "end", "07:00")))
                .put("/notifications/preferences")
                .then()
                .statusCode(400);
        asMember(member)
                .body(Map.of(
                        "inApp",
                        true,
                        "email",
                        true,
                        "emailKinds",
                        List.of(),
                        "quietHours",
                        Map.of("start", "07:00", "end", "07:00")))
                .put("/notifications/preferences")
                .then()
                .statusCode(400);
        RestAssured.given().get("/notifications/preferences").then().statusCode(401);
    }
}
