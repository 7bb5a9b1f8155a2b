package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The W3C trace context through goal-service: a request's trace goes into the outbox with its event and out on
 * Kafka as the CloudEvents {@code traceparent} ({@code ce_traceparent}); an event applied here continues the trace
 * it came with in the events it causes. (Across all six services to sync-service's load: {@code LocalLauncherIT}.)
 */
@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class TracingTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String newSpanId() {
        return HexFormat.of().formatHex(new byte[] {
            1, 2, 3, 4, 5, 6, 7, (byte) ThreadLocalRandom.current().nextInt()
        });
    }

    @Test
    void aCheckInsEventCarriesTheTraceOfItsRequest() throws Exception {
        var member = Given.member("UTC", null);
        var goal = Given.goalWithHabits(member, "2026-11-01");
        String trace = newTraceId();
        String caller = newSpanId();

        String checkin = as(TestTokens.member(member))
                .header("traceparent", "00-" + trace + "-" + caller + "-01")
                .body(Map.of("habitId", goal.dailyHabit()))
                .post("/checkins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // stored with the row (the request's span, a child of the caller's), and published with the event from the
        // relay's span in the same trace
        var published = PublishedRecords.await(
                Topics.CHECKINS, r -> r.dataAsString().contains(checkin), 1, Duration.ofSeconds(20));
        assertThat(published).hasSize(1);
        var parent = TRACEPARENT.matcher(published.get(0).ce().get("traceparent"));
        assertThat(parent.matches()).as(published.get(0).ce().toString()).isTrue();
        assertThat(parent.group(1)).isEqualTo(trace);
        assertThat(parent.group(2))
                .as("a span of goal-service's, not the caller's")
                .isNotEqualTo(caller);
    }

    @Test
    void aRequestWithoutATraceStartsOneItsEventsCarry() {
        var member = Given.member("UTC", null);
        var goal = Given.goalWithHabits(member, "2026-11-01");
        String checkin = as(TestTokens.member(member))
                .body(Map.of("habitId", goal.dailyHabit()))
                .post("/checkins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var published = PublishedRecords.await(
                Topics.CHECKINS, r -> r.dataAsString().contains(checkin), 1, Duration.ofSeconds(20));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).ce().get("traceparent")).matches(TRACEPARENT);
    }

    @Test
    void anEventAppliedHereContinuesItsTraceInTheEventsItCauses() {
        var member = Given.member("Europe/Rome", null);
        String goal = as(TestTokens.member(member))
                .body(Map.of("title", "Learn Spanish", "theme", "LEARNING"))
                .post("/goals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String trace = newTraceId();
        var plan = new PlanGenerated(
                UUID.fromString(goal),
                member,
                "READY",
                "offline",
                "rules-v1",
                "Short sessions",
                List.of(),
                List.of(new PlanGenerated.PlannedHabit(
                        "Flashcards", "DAILY", null, null, null, null, null, null, null, null)),
                TestNow.instant());
        var record = TestPublisher.record(EventCatalog.PLAN_GENERATED, member, UUID.randomUUID(), plan);
        record.headers()
                .add("ce_traceparent", ("00-" + trace + "-" + newSpanId() + "-01").getBytes(StandardCharsets.UTF_8));
        TestPublisher.send(List.of(record));

        // goal-service applies the plan (goal.updated, planStatus READY) in a span of the plan's trace
        var updated = PublishedRecords.await(
                Topics.GOALS,
                r -> r.key().equals(member.toString())
                        && r.type().equals(EventCatalog.GOAL_UPDATED.type())
                        && r.dataAsString().contains("\"planStatus\":\"READY\""),
                1,
                Duration.ofSeconds(30));
        assertThat(updated).hasSize(1);
        var parent = TRACEPARENT.matcher(updated.get(0).ce().get("traceparent"));
        assertThat(parent.matches()).isTrue();
        assertThat(parent.group(1)).isEqualTo(trace);
    }
}
