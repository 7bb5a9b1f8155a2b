package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * At-risk alerts from analytics-service's {@code risk.changed}, through the real broker: a rise to HIGH is one
 * alert for the mentee's mentor however often it is delivered; acknowledging clears the roster's badge; a fall
 * below HIGH resolves it. Only the mentor (and an admin, to read) reaches them.
 */
@QuarkusTest
class AlertsTest {

    private static final List<RiskChanged.Reason> SLIPPING = List.of(
            new RiskChanged.Reason("NO_RECENT_CHECKIN", 40, "no check-in for 8 days"),
            new RiskChanged.Reason("LOW_ADHERENCE", 25, "7-day adherence 0%"));

    @Test
    void aRiseToHighIsOneAlertAcknowledgedByTheMentorAndResolvedWhenTheRiskFalls() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var token = TestTokens.mentor(mentor);

        changed(mentee, null, "MEDIUM", 35);
        var rise = changed(mentee, "MEDIUM", "HIGH", 65);
        // delivered again (a re-send after a stop), and the same rise announced twice that day: still one alert
        TestPublisher.publish(EventCatalog.RISK_CHANGED, mentee, rise, change(mentee, "MEDIUM", "HIGH", 65));
        var again = changed(mentee, "MEDIUM", "HIGH", 70);
        awaitProcessed(rise, again);

        var id = as(token)
                .get("/mentor/alerts")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].memberId", equalTo(mentee.toString()))
                .body("items[0].level", equalTo("HIGH"))
                .body("items[0].previousLevel", equalTo("MEDIUM"))
                .body("items[0].score", equalTo(65))
                .body("items[0].reasons.code", contains("NO_RECENT_CHECKIN", "LOW_ADHERENCE"))
                .body("items[0].state", equalTo("OPEN"))
                .body("items[0].asOf", equalTo(today().toString()))
                .extract()
                .<String>path("items[0].id");
        assertThat(Rows.count("select count(*) from mentor_alerts where member_id = '" + mentee + "'"))
                .isEqualTo(1);
        as(token)
                .get("/mentor/chat/" + mentor + "/patients")
                .then()
                .statusCode(200)
                .body("openAlerts", equalTo(1))
                .body("patients[0].openAlerts", equalTo(1));

        // not theirs: another mentor 404 (audited as refused), a member and an admin may not acknowledge
        var other = DirectoryMembers.known("MENTOR", "UTC", null, null);
        as(TestTokens.mentor(other))
                .post("/mentor/alerts/" + id + "/acknowledge")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + other
                        + "' and member_id = '" + mentee + "' and kind = 'alerts' and outcome = 'DENIED'"))
                .isEqualTo(1);
        as(TestTokens.mentor(other))
                .get("/mentor/alerts")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        as(TestTokens.member(mentee))
                .post("/mentor/alerts/" + id + "/acknowledge")
                .then()
                .statusCode(403);
        as(TestTokens.admin(UUID.randomUUID()))
                .post("/mentor/alerts/" + id + "/acknowledge")
                .then()
                .statusCode(403);
        as(TestTokens.admin(UUID.randomUUID()))
                .get("/mentor/alerts?mentorId=" + mentor)
                .then()
                .statusCode(200)
                .body("items.id", contains(id));

        var seenAt = as(token)
                .post("/mentor/alerts/" + id + "/acknowledge")
                .then()
                .statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo(mentor.toString()))
                .extract()
                .<String>path("acknowledgedAt");
        as(token)
                .post("/mentor/alerts/" + id + "/acknowledge")
                .then()
                .statusCode(200)
                .body("acknowledgedAt", equalTo(seenAt));
        as(token)
                .get("/mentor/chat/" + mentor + "/patients")
                .then()
                .statusCode(200)
                .body("openAlerts", equalTo(0))
                .body("patients[0].openAlerts", equalTo(0));
        as(token).get("/mentor/alerts?state=OPEN").then().statusCode(200).body("items", hasSize(0));
        as(token).get("/mentor/alerts").then().statusCode(200).body("items[0].state", equalTo("ACKNOWLEDGED"));

        // the risk falls: the alert resolves itself
        var fall = changed(mentee, "HIGH", "MEDIUM", 40);
        awaitProcessed(fall);
        as(token).get("/mentor/alerts").then().statusCode(200).body("items", hasSize(0));
        as(token)
                .get("/mentor/alerts?state=resolved")
                .then()
                .statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].state", equalTo("RESOLVED"));
    }

    @Test
    void aFirstComputationAtHighAlertsAnOpenOneResolvesAndAnErasedMemberKeepsNone() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var first = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var erased = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var token = TestTokens.mentor(mentor);

        awaitProcessed(changed(first, null, "HIGH", 80), changed(erased, null, "HIGH", 60));
        as(token).get("/mentor/alerts?state=OPEN").then().statusCode(200).body("items", hasSize(2));
        // the dashboard shows the mentee's alerts not yet resolved
        as(token)
                .get("/dashboard/mentor/" + mentor + "/patient/" + first)
                .then()
                .statusCode(200)
                .body("alerts", hasSize(1))
                .body("alerts[0].state", equalTo("OPEN"));

        // an open alert (never acknowledged) resolves too
        awaitProcessed(changed(first, "HIGH", "LOW", 0));
        as(token)
                .get("/mentor/alerts?state=OPEN")
                .then()
                .statusCode(200)
                .body("items.memberId", contains(erased.toString()));

        // erased: their alerts go, and a late change raises none
        DirectoryMembers.erased(erased);
        assertThat(Rows.count("select count(*) from mentor_alerts where member_id = '" + erased + "'"))
                .isZero();
        awaitProcessed(changed(erased, "MEDIUM", "HIGH", 60));
        assertThat(Rows.count("select count(*) from mentor_alerts where member_id = '" + erased + "'"))
                .isZero();
    }

    @Test
    void badQueriesAre4xxProblems() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var token = TestTokens.mentor(mentor);
        as(token).get("/mentor/alerts?state=LOUD").then().statusCode(400).contentType("application/problem+json");
        as(token).get("/mentor/alerts?mentorId=nope").then().statusCode(400);
        as(token).get("/mentor/alerts?size=0").then().statusCode(400);
        as(token)
                .post("/mentor/alerts/" + UUID.randomUUID() + "/acknowledge")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(token).post("/mentor/alerts/not-an-id/acknowledge").then().statusCode(404);
        as(TestTokens.member(UUID.randomUUID())).get("/mentor/alerts").then().statusCode(403);
    }

    /** An open alert about {@code mentee}, written as the consumer writes one; answers its id. */
    static UUID alert(UUID mentee) throws SQLException {
        var id = UUID.randomUUID();
        Rows.execute("insert into mentor_alerts (id, member_id, level, as_of, score, reasons, raised_at) values ('" + id
                + "', '" + mentee + "', 'HIGH', '" + today() + "', 65, '[]', now())");
        return id;
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(TestNow.instant(), ZoneOffset.UTC);
    }

    private static RiskChanged change(UUID member, String from, String to, int score) {
        return new RiskChanged(member, from, to, score, SLIPPING, today(), TestNow.instant());
    }

    /** Publishes a change as analytics-service does; answers its event id. */
    private static UUID changed(UUID member, String from, String to, int score) {
        var id = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.RISK_CHANGED, member, id, change(member, from, to, score));
        return id;
    }

    /** Waits until the consumer has recorded these events (and so applied them, in the same transaction). */
    private static void awaitProcessed(UUID... events) {
        String ids = Stream.of(events).map(e -> "'" + e + "'").collect(Collectors.joining(","));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Rows.count("select count(*) from processed_events where consumer ="
                                + " 'mentor-service.risk-alerts' and event_id in (" + ids + ")")
                        == events.length);
    }
}
