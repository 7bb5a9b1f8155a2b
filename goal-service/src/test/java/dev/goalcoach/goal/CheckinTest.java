package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.Topics;
import dev.goalcoach.goal.service.IdempotencyKeyPurge;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckinTest {

    @Inject
    ServiceClock clock;

    private static Map<String, Object> checkin(String habit, Object... more) {
        var m = new HashMap<String, Object>();
        m.put("habitId", habit);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void membersInAucklandAndLosAngelesLoggingAtOneInstantGetTheirOwnDates() {
        clock.pin(Instant.parse("2026-11-25T20:00:00Z"));
        var kiwi = Given.member("Pacific/Auckland", null);
        var angeleno = Given.member("America/Los_Angeles", null);
        var kiwiHabit = Given.goalWithHabits(kiwi, "2026-11-01").dailyHabit();
        var angelenoHabit = Given.goalWithHabits(angeleno, "2026-11-01").dailyHabit();

        as(TestTokens.member(kiwi))
                .body(checkin(kiwiHabit))
                .post("/checkins")
                .then()
                .statusCode(201)
                .body("date", equalTo("2026-11-26"));
        as(TestTokens.member(angeleno))
                .body(checkin(angelenoHabit))
                .post("/checkins")
                .then()
                .statusCode(201)
                .body("date", equalTo("2026-11-25"));
        // and for the Angeleno, the Auckland date is still in the future
        as(TestTokens.member(angeleno))
                .body(checkin(angelenoHabit, "date", "2026-11-26"))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("future"));
    }

    @Test
    void tomorrowArrivesAtLocalMidnightAcrossTheDaylightSavingChange() {
        var member = Given.member("America/Los_Angeles", null);
        var habit = Given.goalWithHabits(member, "2026-03-01").dailyHabit();
        var token = TestTokens.member(member);

        // 2026-03-09 00:00 in Los Angeles is 07:00Z (PDT), no longer 08:00Z (PST)
        clock.pin(Instant.parse("2026-03-09T06:59:59Z"));
        as(token)
                .body(checkin(habit, "date", "2026-03-09"))
                .post("/checkins")
                .then()
                .statusCode(400);
        clock.pin(Instant.parse("2026-03-09T07:00:00Z"));
        as(token)
                .body(checkin(habit, "date", "2026-03-09"))
                .post("/checkins")
                .then()
                .statusCode(201);
    }

    @Test
    void backDatingIsLimitedAndNothingBeforeTheHabitStarted() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var oldHabit = Given.goalWithHabits(member, "2026-10-01").dailyHabit();
        var newHabit = Given.goalWithHabits(member, "2026-11-24").dailyHabit();

        as(token)
                .body(checkin(oldHabit, "date", "2026-11-18"))
                .post("/checkins")
                .then()
                .statusCode(201);
        as(token)
                .body(checkin(oldHabit, "date", "2026-11-17"))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("7 days"));
        as(token)
                .body(checkin(newHabit, "date", "2026-11-23"))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("before the habit started"));
    }

    @Test
    void repeatingACheckinMakesOneRowAndOneEventAndAChangeIsAnUpdate() throws Exception {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var habit = Given.goalWithHabits(member, "2026-11-01").measuredHabit(); // measurable

        as(token).body(checkin(habit, "value", 30)).post("/checkins").then().statusCode(201);
        as(token).body(checkin(habit, "value", 30)).post("/checkins").then().statusCode(200);
        as(token)
                .body(checkin(habit, "value", 45))
                .post("/checkins")
                .then()
                .statusCode(200)
                .body("value", equalTo(45));

        assertThat(Rows.count("select count(*) from checkins where habit_id = '" + habit + "'"))
                .isEqualTo(1);
        var events =
                PublishedRecords.all(Topics.CHECKINS, r -> r.key().equals(member.toString()), Duration.ofSeconds(3));
        assertThat(events)
                .extracting(PublishedRecords.Published::type)
                .containsExactly(EventCatalog.CHECKIN_LOGGED.type(), EventCatalog.CHECKIN_UPDATED.type());
        assertThat(events)
                .allSatisfy(e -> assertThat(EventSchemas.problems(EventCatalog.CHECKIN_LOGGED, e.data()))
                        .isEmpty());
        var logged = EventJson.read(events.get(0).data(), CheckinRecorded.class);
        var updated = EventJson.read(events.get(1).data(), CheckinRecorded.class);
        assertThat(logged.revision()).isEqualTo(1);
        assertThat(updated.revision()).isEqualTo(2);
        assertThat(updated.checkinId()).isEqualTo(logged.checkinId());
        assertThat(updated.localDate()).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(updated.value()).isEqualByComparingTo("45");
    }

    @Inject
    IdempotencyKeyPurge purge;

    @Test
    void idempotencyKeysAreForgottenAfterTheirTimeToLive() throws Exception {
        var member = UUID.randomUUID();
        Rows.execute("insert into idempotency_keys (member_id, key, request_hash, created_at) values ('" + member
                + "', 'old', 'h', now() - interval '25 hours'), ('" + member + "', 'recent', 'h', now() - interval"
                + " '23 hours')");
        assertThat(purge.purge().await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);
        assertThat(Rows.count("select count(*) from idempotency_keys where member_id = '" + member + "'"))
                .as("the 25-hour-old key is gone, the 23-hour-old one kept (time to live 24 h)")
                .isEqualTo(1);
        assertThat(Rows.count(
                        "select count(*) from idempotency_keys where member_id = '" + member + "' and key = 'recent'"))
                .isEqualTo(1);
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyGetsTheFirstAnswer() throws Exception {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var ids = Given.goalWithHabits(member, "2026-11-01");

        var first = as(token)
                .header("Idempotency-Key", "tap-1")
                .body(checkin(ids.dailyHabit(), "note", "felt good"))
                .post("/goals/" + ids.goalId() + "/checkin")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        var retry = as(token)
                .header("Idempotency-Key", "tap-1")
                .body(checkin(ids.dailyHabit(), "note", "felt good"))
                .post("/goals/" + ids.goalId() + "/checkin")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        assertThat(retry).isEqualTo(first);
        as(token)
                .header("Idempotency-Key", "tap-1")
                .body(checkin(ids.dailyHabit(), "note", "changed my mind"))
                .post("/goals/" + ids.goalId() + "/checkin")
                .then()
                .statusCode(422);
        assertThat(Rows.count("select count(*) from checkins where habit_id = '" + ids.dailyHabit() + "'"))
                .isEqualTo(1);
        assertThat(PublishedRecords.written(member, Topics.CHECKINS)).hasSize(1);
    }

    @Test
    void concurrentCheckinsForOneHabitAndDateLeaveOneRow() throws Exception {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var habit = Given.goalWithHabits(member, "2026-11-01").dailyHabit();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var answers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                String status = i % 2 == 0 ? "DONE" : "MISSED";
                answers.add(pool.submit(() -> as(token)
                        .body(checkin(habit, "status", status))
                        .post("/checkins")
                        .statusCode()));
            }
            var codes = new ArrayList<Integer>();
            for (var a : answers) {
                codes.add(a.get(60, TimeUnit.SECONDS));
            }
            // the database settles the race: one insert, the rest update that row
            assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
            assertThat(codes).filteredOn(c -> c != 201).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Rows.count("select count(*) from checkins where habit_id = '" + habit + "'"))
                .isEqualTo(1);
    }

    @Test
    void badCheckinsAreRefusedAndNothingIsWritten() throws Exception {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var other = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var ids = Given.goalWithHabits(member, "2026-11-01");
        var othersHabit = Given.goalWithHabits(other, "2026-11-01").dailyHabit();
        long before = Rows.count("select count(*) from checkins") + Given.eventsOf(member);

        as(token)
                .body(checkin(UUID.randomUUID().toString()))
                .post("/checkins")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(token).body(checkin(othersHabit)).post("/checkins").then().statusCode(404);
        as(token)
                .body(checkin(ids.dailyHabit(), "value", 3))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("value"));
        as(token)
                .body(checkin(ids.dailyHabit(), "date", "25/11/2026"))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("date"));
        as(token)
                .body(checkin(ids.dailyHabit(), "date", "2026-02-30"))
                .post("/checkins")
                .then()
                .statusCode(400);
        as(token)
                .body(checkin(ids.dailyHabit(), "status", "MAYBE"))
                .post("/checkins")
                .then()
                .statusCode(400);
        as(token)
                .body(checkin(ids.measuredHabit(), "value", -5))
                .post("/checkins")
                .then()
                .statusCode(400);
        as(token)
                .body(Map.of("status", "DONE"))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("habitId"));
        // the goal path needs habitId when the goal has two habits, and refuses another goal's habit
        as(token)
                .body(Map.of("status", "DONE"))
                .post("/goals/" + ids.goalId() + "/checkin")
                .then()
                .statusCode(400);
        as(token)
                .body(checkin(othersHabit))
                .post("/goals/" + ids.goalId() + "/checkin")
                .then()
                .statusCode(404);

        assertThat(Rows.count("select count(*) from checkins") + Given.eventsOf(member))
                .isEqualTo(before);
    }

    @Test
    void aMissedDayOfAPausedGoalIsARestDay() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var ids = Given.goalWithHabits(member, "2026-11-01");
        as(token)
                .body(Map.of("status", "PAUSED"))
                .put("/goals/" + ids.goalId())
                .then()
                .statusCode(200);

        as(token)
                .body(checkin(ids.dailyHabit(), "status", "MISSED"))
                .post("/checkins")
                .then()
                .statusCode(201)
                .body("status", equalTo("SKIPPED"));
    }

    /**
     * A replica remembers a habit as its last check-in saw it; the statement writing the next one checks the habit is
     * still that. Changed behind its back (here by SQL, as another replica or a plan edit would), the habit is
     * looked up again and the check-in validated against what it is now.
     */
    @Test
    void aHabitChangedSinceItsLastCheckinIsLookedUpAgain() throws Exception {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var ids = Given.goalWithHabits(member, "2026-11-01");
        var habit = ids.dailyHabit();
        as(token)
                .body(checkin(habit, "date", "2026-11-23"))
                .post("/checkins")
                .then()
                .statusCode(201);
        double hits = metric("cache_gets_total", "cache=\"goal-checkin-habits\"", "result=\"hit\"");
        double stale = metric("goalcoach_checkin_habit_stale_total");
        as(token)
                .body(checkin(habit, "date", "2026-11-24"))
                .post("/checkins")
                .then()
                .statusCode(201);
        assertThat(metric("cache_gets_total", "cache=\"goal-checkin-habits\"", "result=\"hit\""))
                .isEqualTo(hits + 1);
        assertThat(metric("goalcoach_checkin_habit_stale_total")).isEqualTo(stale);

        Rows.execute("update goals set status = 'PAUSED' where id = '" + ids.goalId() + "'");
        as(token)
                .body(checkin(habit, "status", "MISSED"))
                .post("/checkins")
                .then()
                .statusCode(201)
                .body("status", equalTo("SKIPPED"))
                .body("date", equalTo("2026-11-25"));
        assertThat(metric("goalcoach_checkin_habit_stale_total")).isEqualTo(stale + 1);

        // 12:00 UTC is 01:00 the next day in Auckland
        Rows.execute("update member_directory set timezone = 'Pacific/Auckland' where member_id = '" + member + "'");
        as(token).body(checkin(habit)).post("/checkins").then().statusCode(201).body("date", equalTo("2026-11-26"));

        // measurable now: a value is taken; its start moved later: the days before it are refused
        Rows.execute("update habits set target_value = 3 where id = '" + habit + "'");
        as(token)
                .body(checkin(habit, "value", 2))
                .post("/checkins")
                .then()
                .statusCode(200)
                .body("value", equalTo(2));
        Rows.execute("update habits set start_date = '2026-11-24' where id = '" + habit + "'");
        as(token)
                .body(checkin(habit, "date", "2026-11-23", "status", "SKIPPED"))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("date"));

        Rows.execute("update habits set active = false where id = '" + habit + "'");
        long before = Rows.count("select count(*) from checkins where habit_id = '" + habit + "'");
        as(token)
                .body(checkin(habit, "date", "2026-11-24", "status", "SKIPPED"))
                .post("/checkins")
                .then()
                .statusCode(409);
        assertThat(Rows.count("select count(*) from checkins where habit_id = '" + habit + "'"))
                .isEqualTo(before);
        assertThat(Rows.count("select count(*) from checkins where habit_id = '" + habit
                        + "' and local_date = '2026-11-24' and status = 'DONE'"))
                .isEqualTo(1);

        // another member's check-in for a habit this replica remembers is still refused as if there were none
        var other = TestTokens.member(Given.member("UTC", null));
        Rows.execute("update habits set active = true where id = '" + habit + "'");
        as(token)
                .body(checkin(habit, "date", "2026-11-24"))
                .post("/checkins")
                .then()
                .statusCode(200);
        as(other).body(checkin(habit)).post("/checkins").then().statusCode(404);
    }

    /** A counter as {@code /q/metrics} shows it (its series with these labels summed), 0 when absent. */
    private static double metric(String name, String... labels) {
        String metrics = RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                // the value, not an exemplar's after " # "
                .map(l -> l.contains(" # ") ? l.substring(0, l.indexOf(" # ")) : l)
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
