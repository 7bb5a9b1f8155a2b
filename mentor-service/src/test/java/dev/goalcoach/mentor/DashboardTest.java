package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A mentee's dashboard, composed from goal-service and analytics-service with the mentor's token relayed: each part
 * as its owner answered, a missing one named and left empty, the mentor's own notes and audit; each view audited.
 */
@QuarkusTest
class DashboardTest {

    /** A mentee as goal-service and analytics-service would answer their mentor. */
    private static UUID menteeWithData(UUID mentor) {
        var mentee = DirectoryMembers.known("MEMBER", "Asia/Tokyo", mentor, null);
        var active = UUID.randomUUID();
        var done = UUID.randomUUID();
        UpstreamStub.GOALS.put(
                mentee,
                List.of(
                        Map.of("id", active.toString(), "title", "Run a 10k", "status", "ACTIVE"),
                        Map.of("id", done.toString(), "title", "Old goal", "status", "COMPLETED")));
        UpstreamStub.SUGGESTIONS.put(
                active,
                List.of(
                        Map.of("id", UUID.randomUUID().toString(), "status", "PROPOSED", "kind", "CHANGE_TARGET"),
                        Map.of("id", UUID.randomUUID().toString(), "status", "REJECTED", "kind", "PAUSE_HABIT")));
        UpstreamStub.SUGGESTIONS.put(
                done, List.of(Map.of("id", UUID.randomUUID().toString(), "status", "PROPOSED", "kind", "X")));
        var shared = new HashMap<String, Object>(Map.of("id", UUID.randomUUID().toString(), "mood", 4));
        shared.put("text", "Ran 5k!");
        var unshared =
                new HashMap<String, Object>(Map.of("id", UUID.randomUUID().toString(), "mood", 2));
        unshared.put("text", null); // goal-service leaves the text of an unshared entry out for a mentor
        UpstreamStub.JOURNAL.put(mentee, List.of(shared, unshared));
        UpstreamStub.METRICS.put(
                mentee,
                Map.of(
                        "memberId",
                        mentee.toString(),
                        "adherence",
                        Map.of("7", 0.43),
                        "risk",
                        Map.of(
                                "score",
                                62,
                                "level",
                                "HIGH",
                                "reasons",
                                List.of(Map.of("code", "LOW_ADHERENCE", "points", 40, "detail", "43 % last week")))));
        var yesterday = LocalDate.ofInstant(TestNow.instant(), ZoneOffset.UTC).minusDays(1);
        UpstreamStub.SERIES.put(mentee, List.of(Map.of("date", yesterday.toString(), "owed", 1, "met", 0)));
        return mentee;
    }

    @Test
    void theMentorSeesEachPartFromItsOwnerAndTheViewIsAudited() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = menteeWithData(mentor);
        var token = TestTokens.mentor(mentor);
        as(token)
                .body(Map.of("memberId", mentee, "text", "Call on Friday."))
                .post("/mentor/notes")
                .then()
                .statusCode(201);
        UpstreamStub.AUTHORIZATIONS.clear();

        as(token)
                .get("/dashboard/mentor/" + mentor + "/patient/" + mentee)
                .then()
                .statusCode(200)
                .body("memberId", equalTo(mentee.toString()))
                .body("timezone", equalTo("Asia/Tokyo"))
                .body("goals.title", contains("Run a 10k", "Old goal"))
                .body("metrics.risk.level", equalTo("HIGH"))
                .body("metrics.risk.reasons[0].code", equalTo("LOW_ADHERENCE"))
                .body("series", hasSize(1))
                .body("journal[0].text", equalTo("Ran 5k!"))
                .body("journal[1].text", nullValue())
                // open suggestions of the active goal only
                .body("suggestions.kind", contains("CHANGE_TARGET"))
                .body("notes.text", contains("Call on Friday."))
                .body("sources.goals", equalTo("goal-service"))
                .body("sources.metrics", equalTo("analytics-service"));
        assertThat(UpstreamStub.AUTHORIZATIONS).isNotEmpty().allMatch(("Bearer " + token)::equals);
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + mentor
                        + "' and member_id = '" + mentee + "' and kind = 'dashboard' and outcome = 'ALLOWED'"
                        + " and detail = 'shown: goals, metrics, series, journal, suggestions'"))
                .isEqualTo(1);
        // the next view lists the first among the mentor's interactions
        as(token)
                .get("/dashboard/mentor/" + mentor + "/patient/" + mentee)
                .then()
                .statusCode(200)
                .body("interactions.kind", contains("dashboard"));
    }

    @Test
    void aPartThatCannotBeFetchedIsNamedAndLeftEmpty() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = menteeWithData(mentor);
        var fresh = DirectoryMembers.known("MEMBER", "UTC", mentor, null); // nothing computed yet
        var token = TestTokens.mentor(mentor);

        UpstreamStub.goalServiceDown = true;
        try {
            as(token)
                    .get("/dashboard/mentor/" + mentor + "/patient/" + mentee)
                    .then()
                    .statusCode(200)
                    .body("goals", nullValue())
                    .body("journal", nullValue())
                    .body("suggestions", nullValue())
                    .body("sources.goals", equalTo("unavailable"))
                    .body("sources.journal", equalTo("unavailable"))
                    .body("metrics.risk.level", equalTo("HIGH"));
        } finally {
            UpstreamStub.goalServiceDown = false;
        }
        as(token)
                .get("/dashboard/mentor/" + mentor + "/patient/" + fresh)
                .then()
                .statusCode(200)
                .body("metrics", nullValue())
                .body("sources.metrics", equalTo("none yet"));
    }

    @Test
    void anotherMentorsMenteeIs404AndAuditedAsRefused() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = menteeWithData(mentor);
        var other = DirectoryMembers.known("MENTOR", "UTC", null, null);

        as(TestTokens.mentor(other))
                .get("/dashboard/mentor/" + other + "/patient/" + mentee)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.mentor(other))
                .get("/dashboard/mentor/" + mentor + "/patient/" + mentee)
                .then()
                .statusCode(404);
        as(TestTokens.member(mentee))
                .get("/dashboard/mentor/" + mentor + "/patient/" + mentee)
                .then()
                .statusCode(403);
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + other
                        + "' and member_id = '" + mentee + "' and kind = 'dashboard' and outcome = 'DENIED'"))
                .isEqualTo(1);
    }
}
