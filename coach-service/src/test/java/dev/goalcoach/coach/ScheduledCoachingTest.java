package dev.goalcoach.coach;

import static dev.goalcoach.testkit.Requests.as;
import static dev.goalcoach.testkit.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.SuggestionProposed;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The scheduled coaching, run through the admin's trigger with the clock stood at chosen instants: reminders at
 * 07:00 in each member's own zone, the weekly review and the cohort post, plan suggestions, the monthly report —
 * each once per period however often it runs. (Other tests' members share the database: served counts are at
 * least, what each member got is exact.)
 */
@ClockAt("2026-11-29T12:00:00Z")
@QuarkusTest
class ScheduledCoachingTest {

    private static final String ADMIN = TestTokens.admin(UUID.randomUUID());

    @Inject
    ServiceClock clock;

    @Inject
    Pool pool;

    private int run(String job, String at) {
        clock.pin(Instant.parse(at));
        return as(ADMIN)
                .post("/coach/jobs/" + job + "/run")
                .then()
                .statusCode(200)
                .body("job", equalTo(job))
                .extract()
                .path("served");
    }

    private static JsonPath notifications(UUID member) {
        return asMember(member)
                .get("/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<LocalDate> days(String first, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> LocalDate.parse(first).plusDays(i))
                .toList();
    }

    @Test
    void theReminderComesAt0700InEachMembersOwnZoneOncePerDay() {
        var paris = Given.member("Europe/Paris", null, null);
        var newYork = Given.member("America/New_York", null, null);
        Given.goal(
                paris,
                List.of(
                        Given.habit("Stretch", "DAILY", null, null, "2026-11-01"),
                        Given.habit("Run", "WEEKDAYS", List.of("MONDAY"), null, "2026-11-01"),
                        Given.habit("Swim", "WEEKDAYS", List.of("TUESDAY"), null, "2026-11-01")));
        Given.goal(newYork, List.of(Given.habit("Stretch", "DAILY", null, null, "2026-11-01")));

        run("reminders", "2026-11-30T05:59:00Z"); // Monday 06:59 in Paris, 00:59 in New York
        assertThat(notifications(paris).getList("items")).isEmpty();
        assertThat(notifications(newYork).getList("items")).isEmpty();

        run("reminders", "2026-11-30T06:00:00Z"); // 07:00 in Paris
        var forParis = notifications(paris);
        assertThat(forParis.getList("items")).hasSize(1);
        assertThat(forParis.getString("items[0].kind")).isEqualTo("REMINDER");
        assertThat(forParis.getString("items[0].period")).isEqualTo("2026-11-30");
        assertThat(forParis.getString("items[0].body")).startsWith("Today: Run, Stretch.");
        assertThat(forParis.getString("items[0].provider")).isEqualTo("offline");
        assertThat(notifications(newYork).getList("items")).isEmpty();

        run("reminders", "2026-11-30T06:05:00Z"); // again, same period
        run("reminders", "2026-11-30T12:00:00Z"); // 07:00 in New York (13:00 in Paris)
        assertThat(notifications(paris).getList("items")).hasSize(1);
        var forNewYork = notifications(newYork);
        assertThat(forNewYork.getList("items")).hasSize(1);
        assertThat(forNewYork.getString("items[0].body")).startsWith("Today: Stretch.");
        run("reminders", "2026-11-30T12:30:00Z");
        assertThat(notifications(newYork).getList("items")).hasSize(1);

        run("reminders", "2026-12-01T06:00:00Z"); // Tuesday 07:00 in Paris: a new day, a new reminder
        var next = notifications(paris);
        assertThat(next.getList("items")).hasSize(2);
        assertThat(next.getString("items[0].period")).isEqualTo("2026-12-01");
        assertThat(next.getString("items[0].body")).startsWith("Today: Stretch, Swim.");
    }

    @Test
    void theWeeklyReviewGoesToEachMemberAndTheCohortGetsOnePost() {
        var mentor = Given.mentor("Europe/Paris");
        var group = UUID.randomUUID();
        var steady = Given.member("Europe/Paris", mentor, group);
        var struggling = Given.member("Europe/Paris", mentor, group);
        var walk = Given.goal(steady, List.of(Given.habit("Walk", "DAILY", null, null, "2026-11-01")))
                .get(0);
        var walk2 = Given.goal(struggling, List.of(Given.habit("Walk", "DAILY", null, null, "2026-11-01")))
                .get(0);
        Given.done(steady, walk, days("2026-11-23", 6));
        Given.done(struggling, walk2, List.of(LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-27")));

        run("weekly-review", "2026-11-30T07:59:00Z"); // Monday 08:59 in Paris
        assertThat(notifications(steady).getList("items")).isEmpty();
        assertThat(run("weekly-review", "2026-11-30T08:00:00Z")).isGreaterThanOrEqualTo(3); // two members, a cohort
        run("weekly-review", "2026-11-30T09:00:00Z");
        assertThat(notifications(steady).getList("items")).hasSize(1);
        assertThat(notifications(struggling).getList("items")).hasSize(1);

        assertThat(notifications(steady).getString("items[0].body"))
                .contains("you did 6 of 7 planned sessions (86 %)", "On track");
        assertThat(notifications(struggling).getString("items[0].body"))
                .contains("you did 2 of 7 planned sessions (29 %)", "A hard week");
        asMember(steady)
                .get("/chat/" + steady + "/history")
                .then()
                .body("items", hasSize(1))
                .body("items[0].role", equalTo("COACH"))
                .body("items[0].text", containsString("6 of 7"));

        for (var reader : List.of(TestTokens.member(steady), TestTokens.mentor(mentor), ADMIN)) {
            as(reader)
                    .get("/feed/" + group)
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].period", equalTo("2026-W49"))
                    .body("items[0].text", containsString("kept 8 of 14 planned sessions (57 %); 1 of 2 members"));
        }
        asMember(UUID.randomUUID()).get("/feed/" + group).then().statusCode(404);
        as(TestTokens.mentor(UUID.randomUUID())).get("/feed/" + group).then().statusCode(404);
    }

    @Test
    void suggestionsGoUpOrDownAsTheLastTwoWeeksCallForOnce() {
        var struggling = Given.member("UTC", null, null);
        var steady = Given.member("UTC", null, null);
        var gym = Given.goal(struggling, List.of(Given.habit("Gym", "TIMES_PER_WEEK", null, 3, "2026-11-01")))
                .get(0);
        var read = Given.goal(steady, List.of(Given.habit("Read", "TIMES_PER_WEEK", null, 3, "2026-11-01")))
                .get(0);
        Given.done(struggling, gym, List.of(LocalDate.parse("2026-11-20")));
        Given.done(steady, read, days("2026-11-18", 6));

        run("suggestions", "2026-12-02T10:00:00Z"); // Wednesday 10:00
        run("suggestions", "2026-12-02T11:00:00Z");

        var down = proposals(struggling);
        assertThat(down).hasSize(1);
        assertThat(down.get(0).kind()).isEqualTo("CHANGE_SCHEDULE");
        assertThat(down.get(0).habitId()).isEqualTo(gym);
        assertThat(down.get(0).habit().timesPerWeek()).isEqualTo(2);
        assertThat(down.get(0).reason()).contains("Gym was done 1 of 6 times");
        var up = proposals(steady);
        assertThat(up).hasSize(1);
        assertThat(up.get(0).habit().timesPerWeek()).isEqualTo(4);
    }

    @Test
    void anAdminRunsSuggestionsOnAnyDayOncePerWeek() {
        var steady = Given.member("UTC", null, null);
        var read = Given.goal(steady, List.of(Given.habit("Read", "TIMES_PER_WEEK", null, 3, "2026-11-01")))
                .get(0);
        Given.done(steady, read, days("2026-11-18", 6));

        // Tuesday: not due by the schedule ...
        run("suggestions", "2026-12-08T15:00:00Z");
        assertThat(PublishedRecords.all(
                        Topics.COACH,
                        r -> r.key().equals(steady.toString())
                                && r.type().equals(EventCatalog.SUGGESTION_PROPOSED.type()),
                        Duration.ofSeconds(2)))
                .isEmpty();
        // ... but an admin's anyTime run serves every member not served this week, once
        assertThat(runAnyTime("suggestions", "2026-12-08T15:00:00Z")).isPositive();
        assertThat(runAnyTime("suggestions", "2026-12-08T16:00:00Z")).isZero();
        assertThat(proposals(steady)).hasSize(1);
        // and Wednesday's scheduled run finds the week served
        run("suggestions", "2026-12-09T10:00:00Z");
        assertThat(proposals(steady)).hasSize(1);
    }

    private int runAnyTime(String job, String at) {
        clock.pin(Instant.parse(at));
        return as(ADMIN)
                .queryParam("anyTime", true)
                .post("/coach/jobs/" + job + "/run")
                .then()
                .statusCode(200)
                .extract()
                .path("served");
    }

    private static List<SuggestionProposed> proposals(UUID member) {
        PublishedRecords.await(
                Topics.COACH,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.SUGGESTION_PROPOSED.type()),
                1,
                Duration.ofSeconds(30));
        return PublishedRecords.all(
                        Topics.COACH,
                        r -> r.key().equals(member.toString())
                                && r.type().equals(EventCatalog.SUGGESTION_PROPOSED.type()),
                        Duration.ofSeconds(2))
                .stream()
                .peek(r -> assertThat(EventSchemas.problems(EventCatalog.SUGGESTION_PROPOSED, r.data()))
                        .isEmpty())
                .map(r -> EventJson.read(r.data(), SuggestionProposed.class))
                .toList();
    }

    @Test
    void theMonthlyReportIsStoredOnceAndReadableByTheMemberAndTheirMentor() {
        var mentor = UUID.randomUUID();
        var member = Given.member("UTC", mentor, null);
        var habits = Given.goal(
                member,
                List.of(
                        Given.habit("Meditate", "DAILY", null, null, "2026-10-01"),
                        Given.habit("Run", "WEEKDAYS", List.of("MONDAY", "THURSDAY"), null, "2026-10-01")));
        Given.done(member, habits.get(0), days("2026-11-01", 20));
        Given.done(member, habits.get(1), List.of(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-05")));

        run("monthly-report", "2026-12-01T07:59:00Z");
        asMember(member).get("/reports/" + member).then().statusCode(200).body("", hasSize(0));
        assertThat(run("monthly-report", "2026-12-01T08:00:00Z")).isGreaterThanOrEqualTo(1);
        run("monthly-report", "2026-12-01T20:00:00Z");

        for (var reader : List.of(TestTokens.member(member), TestTokens.mentor(mentor), ADMIN)) {
            as(reader)
                    .get("/reports/" + member)
                    .then()
                    .statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].month", equalTo("2026-11"))
                    .body("[0].figures.owed", equalTo(39)) // 30 days of Meditate, 9 Mondays and Thursdays
                    .body("[0].figures.done", equalTo(22))
                    .body("[0].text", containsString("22 of 39 planned sessions done (56 %)"))
                    .body("[0].text", containsString("Most missed: Run (2 of 9)"));
        }
        asMember(member)
                .get("/reports/" + member + "/2026-11")
                .then()
                .statusCode(200)
                .body("month", equalTo("2026-11"));
        asMember(member).get("/reports/" + member + "/2026-10").then().statusCode(404);
        asMember(member).get("/reports/" + member + "/november").then().statusCode(400);
        asMember(UUID.randomUUID()).get("/reports/" + member).then().statusCode(404);
        as(TestTokens.mentor(UUID.randomUUID()))
                .get("/reports/" + member)
                .then()
                .statusCode(404);
        assertThat(notifications(member).getString("items[0].kind")).isEqualTo("MONTHLY_REPORT");
    }

    @Test
    void runsAtTheSameTimeAsOnSeveralReplicasSendOnce() throws Exception {
        var member = Given.member("Asia/Kolkata", null, null);
        Given.goal(member, List.of(Given.habit("Breathe", "DAILY", null, null, "2026-11-01")));
        clock.pin(Instant.parse("2026-11-30T02:00:00Z")); // 07:30 in Kolkata
        var runs = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> as(ADMIN)
                        .post("/coach/jobs/reminders/run")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Integer>path("served")))
                .toList();
        int served = runs.stream().mapToInt(CompletableFuture::join).sum();

        assertThat(served).isGreaterThanOrEqualTo(1);
        assertThat(notifications(member).getList("items")).hasSize(1);
    }

    @Test
    void anAdminsRunWaitsItsTurnWhileAnotherRunHoldsTheJob() throws Exception {
        var member = Given.member("Asia/Kolkata", null, null);
        Given.goal(member, List.of(Given.habit("Stretch", "DAILY", null, null, "2026-11-01")));
        clock.pin(Instant.parse("2026-11-30T02:00:00Z")); // 07:30 in Kolkata
        var holder = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            var tx = holder.begin().await().atMost(Duration.ofSeconds(10));
            // what a scheduled tick on another replica holds while it runs
            holder.query("select pg_advisory_xact_lock(hashtext('goalcoach.coach.job.reminders'))")
                    .execute()
                    .await()
                    .atMost(Duration.ofSeconds(10));
            var run = CompletableFuture.supplyAsync(() -> as(ADMIN)
                    .post("/coach/jobs/reminders/run")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<Integer>path("served"));
            // the run's backend is seen waiting for the job's lock (a run that gave up at once never is)
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (waitingForAdvisoryLocks() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(waitingForAdvisoryLocks()).as("runs waiting for the job").isEqualTo(1);
            assertThat(run).isNotDone();
            tx.commit().await().atMost(Duration.ofSeconds(10));

            assertThat(run.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
            assertThat(notifications(member).getList("items")).hasSize(1);
        } finally {
            holder.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    private long waitingForAdvisoryLocks() {
        return pool.query("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void onlyAnAdminRunsJobsAndOnlyJobsThatExist() {
        asMember(UUID.randomUUID()).post("/coach/jobs/reminders/run").then().statusCode(403);
        as(ADMIN).post("/coach/jobs/everything/run").then().statusCode(404).contentType("application/problem+json");
    }
}
