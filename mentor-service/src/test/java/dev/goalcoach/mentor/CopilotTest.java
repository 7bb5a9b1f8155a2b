package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.MentorInteracted;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The offline copilot answers a mentor's common questions from the mentee's real figures (as analytics-service and
 * goal-service give them), says what it could not see, and every question is audited with its exact context;
 * someone else's mentee is a 404, audited as refused.
 */
@QuarkusTest
class CopilotTest {

    private static Map<String, Object> ask(UUID mentee, String message) {
        var body = new HashMap<String, Object>();
        if (mentee != null) {
            body.put("patientId", mentee.toString());
        }
        body.put("message", message);
        return body;
    }

    @Test
    void howIsMyMenteeDoingIsAnsweredFromTheirRealFiguresAndAudited() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        var token = TestTokens.mentor(mentor);

        as(token)
                .body(ask(mentee, "How is she doing?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body(
                        "reply",
                        allOf(
                                containsString("adherence 43 % over the last 7 days and 61 % over 30"),
                                containsString("current streak 2 days (longest 9)"),
                                containsString("Risk HIGH (62/100): adherence 43 % this week"),
                                containsString("2 recent entries, mean mood 3.0/5, 1 reading negative"),
                                containsString("1 plan suggestion waits")))
                .body("provider", equalTo("offline"))
                .body("model", equalTo("copilot-rules-v2"))
                .body("fallback", equalTo(false))
                .body("contextUsed.metrics", equalTo("analytics-service"))
                .body("contextUsed.journal", equalTo("goal-service"));

        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + mentor
                        + "' and member_id = '" + mentee + "' and kind = 'copilot' and outcome = 'ALLOWED'"
                        + " and question = 'How is she doing?' and answer like '%43 %' and model = 'copilot-rules-v2'"
                        + " and context like '%adherence: 7 days 43 %, 30 days 61 %%' and context not like"
                        + " '%Shared words%'"))
                .isEqualTo(1);
        // and for the warehouse an event without words: who, about whom, what kind, which model and parts
        var published = PublishedRecords.await(
                Topics.MENTOR,
                r -> r.key().equals(mentee.toString()) && r.type().equals(EventCatalog.MENTOR_INTERACTED.type()),
                1,
                Duration.ofSeconds(30));
        var event = EventJson.read(published.get(0).data(), MentorInteracted.class);
        assertThat(EventSchemas.problems(
                        EventCatalog.MENTOR_INTERACTED, published.get(0).data()))
                .isEmpty();
        assertThat(event.mentorId()).isEqualTo(mentor);
        assertThat(event.kind()).isEqualTo("copilot");
        assertThat(event.contextParts()).contains("metrics", "journal");
        assertThat(new String(published.get(0).data())).doesNotContain("How is she", "adherence", "Shared");
    }

    @Test
    void whatChangedAndWhatToSayAreAnsweredFromTheSameFigures() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        var token = TestTokens.mentor(mentor);

        as(token)
                .body(ask(mentee, "What changed since last week?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body(
                        "reply",
                        allOf(
                                containsString("met 3 of 7 planned in the last 7 days (43 %)"),
                                containsString("against 6 of 7 the 7 days before (86 %): down 43 points")));
        as(token)
                .body(ask(mentee, "What should I say to them on Friday?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body(
                        "reply",
                        allOf(
                                containsString("a 2-day streak"),
                                containsString("ask what got in the way (adherence 43 % this week)"),
                                containsString("ask how they feel")));
        // the schedule from goal-service's goals, which the copilot's data now carries
        as(token)
                .body(ask(mentee, "When does she run?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body("reply", containsString("active habits: Run on Tue, Thu."));
    }

    @Test
    void whoNeedsAttentionIsAnsweredFromTheRoster() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var slipping = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var steady = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var roster = new ArrayList<Map<String, Object>>();
        for (var m : List.of(steady, slipping)) {
            var e = new HashMap<String, Object>();
            e.put("memberId", m.toString());
            e.put("riskScore", m == slipping ? 70 : 5);
            e.put("riskLevel", m == slipping ? "HIGH" : "LOW");
            e.put("adherence7", m == slipping ? 0.29 : 1.0);
            roster.add(e);
        }
        UpstreamStub.ROSTERS.put(mentor, roster);

        as(TestTokens.mentor(mentor))
                .body(ask(null, "Who needs attention this week?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body(
                        "reply",
                        containsString("Needing attention this week, riskiest first: Member (HIGH, 70/100,"
                                + " 7-day adherence 29 %). Steady: Member."))
                .body("contextUsed.metrics", equalTo("analytics-service"));
    }

    @Test
    void whatCouldNotBeSeenIsSaidNeverInvented() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        UpstreamStub.analyticsDown = true;
        try {
            as(TestTokens.mentor(mentor))
                    .body(ask(mentee, "How is he doing?"))
                    .post("/mentor/chat/")
                    .then()
                    .statusCode(200)
                    .body(
                            "reply",
                            containsString(
                                    "I could not see their adherence, streak and risk just now: analytics-service did not answer."))
                    .body("reply", not(containsString("43")))
                    .body("contextUsed.metrics", equalTo("unavailable"));
        } finally {
            UpstreamStub.analyticsDown = false;
        }
    }

    @Test
    void someoneElsesMenteeOrBadInputIsA4xxAndNothingIsAnswered() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        var other = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var otherToken = TestTokens.mentor(other);

        as(otherToken)
                .body(ask(mentee, "How is she doing?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + other
                        + "' and member_id = '" + mentee + "' and kind = 'copilot' and outcome = 'DENIED'"))
                .isEqualTo(1);
        long before = Rows.count("select count(*) from mentor_interactions where outcome = 'ALLOWED'");

        var token = TestTokens.mentor(mentor);
        as(token).body(ask(mentee, "   ")).post("/mentor/chat/").then().statusCode(400);
        as(token)
                .body(ask(mentee, "x".repeat(2_001)))
                .post("/mentor/chat/")
                .then()
                .statusCode(400);
        as(token)
                .body(ask(UUID.randomUUID(), "How?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(404);
        as(token)
                .body(Map.of("mentorId", other.toString(), "patientId", mentee.toString(), "message", "Hi"))
                .post("/mentor/chat/")
                .then()
                .statusCode(404);
        as(TestTokens.member(mentee))
                .body(ask(mentee, "How am I?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(403);
        assertThat(Rows.count("select count(*) from mentor_interactions where outcome = 'ALLOWED'"))
                .isEqualTo(before);
    }
}
