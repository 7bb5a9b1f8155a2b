package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * More requests than the database keeps up with: beyond the pool's bounded wait queue a request is answered 503
 * with Retry-After at once, and the one that waited still lands. Here the pool has one connection (held by the
 * test) and room for one waiter.
 */
@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
@TestProfile(OverloadTest.TinyPool.class)
class OverloadTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.max-size", "1",
                    "goalcoach.db.max-wait-queue", "1");
        }
    }

    @Inject
    Pool pool;

    @Test
    void beyondTheWaitQueueACheckinIsAnswered503WithRetryAfterAndTheWaitingOneStillLands() throws Exception {
        UUID member = Given.member("UTC", null);
        String habit = Given.goalWithHabits(member, "2026-11-01").dailyHabit();
        String token = TestTokens.member(member);

        SqlConnection held = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        var pending = new ArrayList<CompletableFuture<Response>>();
        var clients = Executors.newFixedThreadPool(3);
        try {
            for (String day : List.of("2026-11-20", "2026-11-21", "2026-11-22")) {
                pending.add(CompletableFuture.supplyAsync(
                        () -> as(token)
                                .body(Map.of("habitId", habit, "date", day, "status", "DONE"))
                                .post("/checkins"),
                        clients));
            }
            // two are turned away while the only connection is held: the queue has room for one
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            pending.stream().filter(CompletableFuture::isDone).count() == 2);
            assertThat(pending.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join))
                    .allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(503);
                        assertThat(r.header("Retry-After")).isEqualTo("1");
                        assertThat(r.contentType()).startsWith("application/problem+json");
                        assertThat(r.asString()).doesNotContain("Exception").contains("retry");
                    });
        } finally {
            held.close().await().atMost(Duration.ofSeconds(10));
        }
        var answers = pending.stream()
                .map(CompletableFuture::join)
                .sorted(Comparator.comparingInt(Response::statusCode))
                .toList();
        clients.shutdown();
        assertThat(answers.get(0).statusCode()).as("the one that waited").isEqualTo(201);
        assertThat(Rows.count("select count(*) from checkins where habit_id = '" + habit + "'"))
                .isEqualTo(1);
    }
}
