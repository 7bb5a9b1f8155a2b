package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.JournalAnalyzed;
import dev.goalcoach.events.JournalWritten;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JournalTest {

    @Test
    void aMentorSeesMoodAndSentimentButTheTextOnlyWhenShared() {
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
        var stranger = Given.member("UTC", null);
        var token = TestTokens.member(member);
        String privateEntry = as(token)
                .body(Map.of("text", "Skipped the run, felt low.", "mood", 2))
                .post("/journal")
                .then()
                .statusCode(201)
                .body("sharedWithMentor", equalTo(false))
                .extract()
                .path("id");
        String sharedEntry = as(token)
                .body(Map.of("text", "Ran 5k!", "mood", 5, "sharedWithMentor", true))
                .post("/journal")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        as(TestTokens.mentor(mentor))
                .get("/journal/" + privateEntry)
                .then()
                .statusCode(200)
                .body("text", nullValue())
                .body("mood", equalTo(2));
        as(TestTokens.mentor(mentor))
                .get("/journal/" + sharedEntry)
                .then()
                .statusCode(200)
                .body("text", equalTo("Ran 5k!"));
        as(TestTokens.mentor(mentor))
                .get("/journal?memberId=" + member)
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items[1].text", nullValue());
        as(TestTokens.member(stranger)).get("/journal/" + privateEntry).then().statusCode(404);
        as(TestTokens.member(stranger))
                .get("/journal?memberId=" + member)
                .then()
                .statusCode(404);
        as(TestTokens.mentor(mentor))
                .body(Map.of("text", "edited by mentor"))
                .put("/journal/" + privateEntry)
                .then()
                .statusCode(403);
        as(token).get("/journal/" + privateEntry).then().body("text", equalTo("Skipped the run, felt low."));

        var written = PublishedRecords.await(
                Topics.JOURNAL, r -> r.key().equals(member.toString()), 2, Duration.ofSeconds(20));
        assertThat(written).hasSize(2);
        assertThat(written)
                .allSatisfy(r -> assertThat(EventSchemas.problems(EventCatalog.JOURNAL_WRITTEN, r.data()))
                        .isEmpty());
        // the text stays here (decisions/0012): the events carry its length
        assertThat(written.stream().map(r -> EventJson.read(r.data(), JournalWritten.class)))
                .extracting(JournalWritten::text, JournalWritten::textLength)
                .containsExactlyInAnyOrder(tuple(null, 26), tuple(null, 7));
        assertThat(written).allSatisfy(r -> assertThat(new String(r.data())).doesNotContain("Skipped", "Ran 5k"));
    }

    @Test
    void coachServiceReadsTheTextOfTheCurrentRevisionOnlyAndNoOneElseDoes() {
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
        var token = TestTokens.member(member);
        UUID entry = UUID.fromString(as(token)
                .body(Map.of("text", "Slept badly, still ran.", "mood", 3, "sharedWithMentor", true))
                .post("/journal")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        var coach = TestTokens.service("coach-service");

        as(coach)
                .get("/internal/journal/" + entry + "?revision=1")
                .then()
                .statusCode(200)
                .body("text", equalTo("Slept badly, still ran."))
                .body("memberId", equalTo(member.toString()))
                .body("revision", equalTo(1));
        // no one else: not the member, their mentor, an admin, another service client; no revision: 400
        for (String other : List.of(
                token,
                TestTokens.mentor(mentor),
                TestTokens.admin(UUID.randomUUID()),
                TestTokens.service("mentor-service"))) {
            as(other).get("/internal/journal/" + entry + "?revision=1").then().statusCode(403);
        }
        as(coach).get("/internal/journal/" + entry).then().statusCode(400);
        // and a service token is no member: no member endpoint takes it
        as(coach).get("/journal/" + entry).then().statusCode(401);
        as(coach).get("/journal?memberId=" + member).then().statusCode(401);

        // edited: the first revision's text is gone, the second's is there
        as(token)
                .body(Map.of("text", "Slept badly, ran anyway."))
                .put("/journal/" + entry)
                .then()
                .statusCode(200);
        as(coach)
                .get("/internal/journal/" + entry + "?revision=1")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(coach)
                .get("/internal/journal/" + entry + "?revision=2")
                .then()
                .statusCode(200)
                .body("text", equalTo("Slept badly, ran anyway."));
        // deleted: gone for everyone
        as(token).delete("/journal/" + entry).then().statusCode(204);
        as(coach).get("/internal/journal/" + entry + "?revision=2").then().statusCode(404);
        as(coach)
                .get("/internal/journal/" + UUID.randomUUID() + "?revision=1")
                .then()
                .statusCode(404);
    }

    @Test
    void theCoachsSentimentIsStoredUnlessTheEntryChangedSince() {
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        UUID entry = UUID.fromString(as(token)
                .body(Map.of("text", "Tired, but I kept going."))
                .post("/journal")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        as(token)
                .body(Map.of("text", "Tired, but I kept going. Proud of it."))
                .put("/journal/" + entry)
                .then()
                .statusCode(200);

        // an analysis of the first text arrives late: ignored; the one of the current text is kept
        TestPublisher.publish(
                EventCatalog.JOURNAL_ANALYZED, member, UUID.randomUUID(), analysis(entry, member, 1, -0.5));
        TestPublisher.publish(
                EventCatalog.JOURNAL_ANALYZED, member, UUID.randomUUID(), analysis(entry, member, 2, 0.6));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> as(token).get("/journal/" + entry).then().body("sentiment.label", equalTo("POSITIVE")));
        as(token)
                .get("/journal/" + entry)
                .then()
                .body("sentiment.score", equalTo(0.6f))
                .body("sentiment.emotions[0]", equalTo("proud"))
                .body("sentiment.model", equalTo("offline/lexicon-v1"));
    }

    @Test
    void anOversizedOrMalformedEntryIsRefusedAndNothingIsWritten() throws Exception {
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        long before = Rows.count("select count(*) from journal_entries") + Given.eventsOf(member);

        as(token)
                .body(Map.of("text", "x".repeat(10_001)))
                .post("/journal")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(token)
                .body(Map.of("text", "fine", "mood", 6))
                .post("/journal")
                .then()
                .statusCode(400);
        as(token).body(Map.of("text", "   ")).post("/journal").then().statusCode(400);
        as(token).body(Map.of("mood", 3)).post("/journal").then().statusCode(400);

        assertThat(Rows.count("select count(*) from journal_entries") + Given.eventsOf(member))
                .isEqualTo(before);
        as(token)
                .body(Map.of("text", "x".repeat(10_000)))
                .post("/journal")
                .then()
                .statusCode(201);
    }

    private static JournalAnalyzed analysis(UUID entry, UUID member, long revision, double score) {
        return new JournalAnalyzed(
                entry,
                member,
                revision,
                score,
                score < 0 ? "NEGATIVE" : "POSITIVE",
                score < 0 ? List.of("tired") : List.of("proud", "tired"),
                "offline",
                "lexicon-v1",
                TestNow.instant());
    }
}
