package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.embedded.Postgres;
import dev.goalcoach.testkit.TestNow;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the local launcher behind ./run: starts the whole stack (embedded PostgreSQL, in-process Kafka,
 * the packaged services, the gateway) on shifted ports, registers and logs in through the gateway, follows a
 * check-in from goal-service through the warehouse to analytics-service's answer, a goal's plan from coach-service
 * back to goal-service, the coach's chat answering with analytics-service's figures, a journal entry's sentiment
 * (its text fetched by coach-service with its own client-credentials token), a mentor's roster, the member's
 * dashboard and the copilot's answer from their real figures at mentor-service, then stops it and checks that
 * no process is left behind.
 */
class LocalLauncherIT {

    private static final Path ROOT = LauncherProcess.ROOT;

    @Test
    void startsTheStackServesThroughTheGatewayAndStopsCleanly() throws Exception {
        int offset = LocalPorts.freeOffset();
        Path home = Files.createTempDirectory("goalcoach-run");
        var builder = LauncherProcess.builder(home, offset, "Smoke-root-pass-3");
        var env = builder.environment();
        String testPg = System.getenv("GOALCOACH_TEST_PG_URL");
        // spans exported by the standard OTEL_* variables, to a collector of the test's
        var collector = new OtlpCollector();
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.url());
        // the services' business clocks start where the test clock does (GOALCOACH_TEST_NOW), and the journey moves
        // them a day ahead: moving a clock is for the dev profile only, so the suite runs in it
        env.remove("GOALCOACH_CLOCK_OFFSET");
        env.put("QUARKUS_PROFILE", "dev");
        if (!TestNow.offset().isZero()) {
            env.put("GOALCOACH_CLOCK_OFFSET", TestNow.offset().toString());
        }

        var watched = LauncherProcess.start(builder, "GoalCoach is up");
        Process launcher = watched.process();
        var output = watched.output();
        var up = watched.marked();
        var reader = watched.reader();
        List<ProcessHandle> children = List.of();
        try {
            up.get(240, TimeUnit.SECONDS);
            children = launcher.descendants().toList();
            assertThat(children).isNotEmpty();
            // coach-service (its copy of every check-in waits for the morning) at a lower CPU priority than the
            // launcher; the request path and the pipeline to the metrics at the launcher's own
            int launcherNice = nice(launcher.pid());
            assertThat(nice(child(children, "coach-service"))).isEqualTo(Math.min(19, launcherNice + 10));
            assertThat(nice(child(children, "goal-service"))).isEqualTo(launcherNice);
            assertThat(nice(child(children, "sync-service"))).isEqualTo(launcherNice);
            assertThat(nice(child(children, "analytics-service"))).isEqualTo(launcherNice);

            String gateway = "http://127.0.0.1:" + (8080 + offset);
            var http = HttpClient.newHttpClient();
            String email = "smoke-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            var registered = post(
                    http,
                    gateway + "/auth/register",
                    "{\"email\":\"" + email
                            + "\",\"password\":\"Correct-horse-9\",\"displayName\":\"Smoke\",\"timezone\":\"Asia/Tokyo\"}");
            assertThat(registered.statusCode()).isEqualTo(201);
            assertThat(registered.headers().firstValue("Location").orElse("")).startsWith(gateway + "/members/");
            var login = post(
                    http, gateway + "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"Correct-horse-9\"}");
            assertThat(login.statusCode()).isEqualTo(200);
            String token = field(login.body(), "access_token");
            String id = field(registered.body(), "id");
            var me = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/members/" + id))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("Asia/Tokyo").contains("\"emailVerified\":false");
            // the sign-up's verification mail went through ./run's own SMTP server: listed at /dev/mail, its link
            // (to the gateway, the suite's public address here) verifies the address
            verifyByMail(http, gateway, email);
            assertThat(get(http, gateway + "/dev/mail").body()).contains(email).contains("Confirm your email");
            var nowhere = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/nowhere")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(nowhere.statusCode()).isEqualTo(404);

            // the whole path: a check-in at goal-service reaches the warehouse through Kafka and sync-service, and
            // analytics-service recomputes the member on sync-service's notice -- no manual step
            var json = new ObjectMapper();
            // 503 until goal-service learns of the new member from the broker
            HttpResponse<String> goal = await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> send(
                                    http,
                                    "POST",
                                    gateway + "/goals",
                                    token,
                                    "{\"title\":\"Walk\",\"theme\":\"HEALTH\",\"habits\":[{\"title\":\"walk\","
                                            + "\"schedule\":{\"type\":\"DAILY\"}}]}"),
                            answer -> answer.statusCode() != 503);
            assertThat(goal.statusCode()).as(goal.body()).isEqualTo(201);
            String habit =
                    json.readTree(goal.body()).path("habits").path(0).path("id").asText();
            var tokyo = ZoneId.of("Asia/Tokyo");
            var before = LocalDate.ofInstant(TestNow.instant(), tokyo);
            // the client's trace, carried through the gateway, goal-service, the outbox and Kafka to the warehouse
            String trace = UUID.randomUUID().toString().replace("-", "");
            var checkin = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/checkins"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"habitId\":\"" + habit + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var after = LocalDate.ofInstant(TestNow.instant(), tokyo);
            assertThat(checkin.statusCode()).as(checkin.body()).isEqualTo(201);
            // dated by goal-service's clock, which starts where the test clock does (GOALCOACH_TEST_NOW)
            assertThat(LocalDate.parse(
                            json.readTree(checkin.body()).path("date").asText()))
                    .isBetween(before, after);
            JsonNode metrics = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> {
                                var answer = send(http, "GET", gateway + "/dashboard/analytics/" + id, token, null);
                                assertThat(answer.statusCode())
                                        .as(answer.body())
                                        .isEqualTo(200);
                                return json.readTree(answer.body());
                            },
                            m -> m.path("habits")
                                            .path(0)
                                            .path("streak")
                                            .path("current")
                                            .asInt()
                                    == 1);
            assertThat(metrics.path("habits").path(0).path("habitId").asText()).isEqualTo(habit);
            assertThat(metrics.path("habits")
                            .path(0)
                            .path("streak")
                            .path("current")
                            .asInt())
                    .isEqualTo(1);
            assertThat(metrics.path("adherence").path("7").decimalValue()).isEqualByComparingTo("1");
            // one trace from the check-in's request to sync-service's load (and coach-service's copy), exported by
            // each service (its batch span processor: within seconds)
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(collector.ofTrace(trace))
                            .as("spans of the check-in's trace")
                            .extracting(s -> s.service() + " " + s.name() + " " + s.kind())
                            .contains(
                                    "goal-service POST /checkins 2",
                                    "goal-service goalcoach.checkins publish 4",
                                    "sync-service goalcoach.checkins load 5",
                                    "coach-service goalcoach.checkins process 5"));
            // the compatibility dashboard: goal-service's goals (through analytics-service's client), each habit
            // with its metrics
            // (analytics-service's first call to goal-service runs on cold JVMs: past its 2 s timeout it answers from
            // the warehouse's copy, by design; the dashboard is asked again until goal-service answers in time)
            JsonNode dashboard = await().atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> {
                                var goals =
                                        send(http, "GET", gateway + "/dashboard/user/" + id + "/goals", token, null);
                                assertThat(goals.statusCode()).as(goals.body()).isEqualTo(200);
                                return json.readTree(goals.body());
                            },
                            d -> d.path("source").asText().equals("goal-service"));
            assertThat(dashboard.path("source").asText()).isEqualTo("goal-service");
            assertThat(dashboard
                            .path("goals")
                            .path(0)
                            .path("habits")
                            .path(0)
                            .path("id")
                            .asText())
                    .isEqualTo(habit);
            assertThat(dashboard
                            .path("goals")
                            .path(0)
                            .path("habits")
                            .path(0)
                            .path("metrics")
                            .path("streak")
                            .path("current")
                            .asInt())
                    .isEqualTo(1);

            // the coach: a goal without a plan gets coach-service's plan through the broker (goal.created out,
            // plan.generated back), and the chat answers with analytics-service's figures for this member
            var pending = send(
                    http,
                    "POST",
                    gateway + "/goals",
                    token,
                    "{\"title\":\"Run 3 times a week\",\"theme\":\"FITNESS\",\"constraints\":{\"minutesPerWeek\":120}}");
            assertThat(pending.statusCode()).as(pending.body()).isEqualTo(201);
            assertThat(json.readTree(pending.body()).path("planStatus").asText())
                    .isEqualTo("PENDING");
            String pendingId = json.readTree(pending.body()).path("id").asText();
            JsonNode planned = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> json.readTree(send(http, "GET", gateway + "/goals/" + pendingId, token, null)
                                    .body()),
                            p -> !"PENDING".equals(p.path("planStatus").asText()));
            assertThat(planned.path("planStatus").asText())
                    .as(planned.toString())
                    .isEqualTo("READY");
            assertThat(planned.path("habits").path(0).path("title").asText()).isEqualTo("Run");
            assertThat(planned.path("habits").path(0).path("schedule").path("days"))
                    .hasSize(3);
            // (on cold JVMs a context call may pass its 2 s timeout: the reply then says so, and is asked again;
            // within the budget of 10 AI requests a minute)
            JsonNode reply = await().atMost(Duration.ofSeconds(50))
                    .pollInterval(Duration.ofSeconds(7))
                    .until(
                            () -> {
                                var chat = send(
                                        http, "POST", gateway + "/chat/", token, "{\"message\":\"How am I doing?\"}");
                                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
                                return json.readTree(chat.body());
                            },
                            r -> !r.path("degraded").asBoolean());
            assertThat(reply.path("contextUsed").path("metrics").asText()).isEqualTo("analytics-service");
            assertThat(reply.path("reply").asText())
                    .contains("Your 7-day adherence is 100 %", "current streak is 1 day");

            // the next day: every service's business clock moved a day ahead through its admin endpoint (each on its
            // own port, not routed), and a second check-in makes a two-day streak through the whole pipeline
            String admin = field(
                    post(
                                    http,
                                    gateway + "/auth/login",
                                    "{\"email\":\"admin@goalcoach.local\",\"password\":\"Smoke-root-pass-3\"}")
                            .body(),
                    "access_token");
            for (var service :
                    Topology.load(ROOT.resolve("deploy/topology.json")).services()) {
                var moved = send(
                        http,
                        "PUT",
                        "http://127.0.0.1:" + (service.port() + offset) + "/admin/clock",
                        admin,
                        "{\"offset\":\"" + TestNow.offset().plusDays(1) + "\"}");
                assertThat(moved.statusCode())
                        .as(service.name() + ": " + moved.body())
                        .isEqualTo(200);
            }
            var nextDay = send(http, "POST", gateway + "/checkins", token, "{\"habitId\":\"" + habit + "\"}");
            assertThat(nextDay.statusCode()).as(nextDay.body()).isEqualTo(201);
            assertThat(LocalDate.parse(
                            json.readTree(nextDay.body()).path("date").asText()))
                    .isEqualTo(LocalDate.parse(
                                    json.readTree(checkin.body()).path("date").asText())
                            .plusDays(1));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> json
                            .readTree(send(http, "GET", gateway + "/dashboard/analytics/" + id, token, null)
                                    .body())
                            .path("habits")
                            .findValues("current")
                            .stream()
                            .anyMatch(c -> c.asInt() == 2));

            // the journal: its text stays at goal-service; coach-service fetches it with its own token (client
            // credentials at member-service), reads the sentiment, and goal-service stores the reading
            var entry = send(
                    http,
                    "POST",
                    gateway + "/journal",
                    token,
                    "{\"text\":\"Exhausted and anxious, I skipped my walk.\",\"mood\":2}");
            assertThat(entry.statusCode()).as(entry.body()).isEqualTo(201);
            String entryId = json.readTree(entry.body()).path("id").asText();
            JsonNode read = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> json.readTree(send(http, "GET", gateway + "/journal/" + entryId, token, null)
                                    .body()),
                            e -> e.hasNonNull("sentiment"));
            assertThat(read.path("sentiment").path("label").asText()).isEqualTo("NEGATIVE");
            // a mentor: the admin makes one and assigns them; their roster at mentor-service shows the member with
            // analytics-service's figures (the mentor's token relayed), once the warehouse knows the assignment
            String mentorEmail = "mentor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            var mentor = send(
                    http,
                    "POST",
                    gateway + "/members",
                    admin,
                    "{\"email\":\"" + mentorEmail + "\",\"password\":\"Correct-horse-9\",\"displayName\":\"Mo\","
                            + "\"timezone\":\"UTC\",\"role\":\"MENTOR\"}");
            assertThat(mentor.statusCode()).as(mentor.body()).isEqualTo(201);
            String mentorId = field(mentor.body(), "id");
            var assigned = send(
                    http, "PUT", gateway + "/members/" + id + "/mentor", admin, "{\"mentorId\":\"" + mentorId + "\"}");
            assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
            String mentorToken = field(
                    post(
                                    http,
                                    gateway + "/auth/login",
                                    "{\"email\":\"" + mentorEmail + "\",\"password\":\"Correct-horse-9\"}")
                            .body(),
                    "access_token");
            JsonNode roster = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> json.readTree(send(
                                            http,
                                            "GET",
                                            gateway + "/mentor/chat/" + mentorId + "/patients",
                                            mentorToken,
                                            null)
                                    .body()),
                            r -> r.path("patients").path(0).hasNonNull("adherence7"));
            assertThat(roster.path("metrics").asText()).isEqualTo("analytics-service");
            assertThat(roster.path("patients").path(0).path("memberId").asText())
                    .isEqualTo(id);
            // the mentee's dashboard: goals from goal-service, figures from analytics-service, the journal entry's
            // sentiment without its text (not shared), each part named by its source
            var view =
                    send(http, "GET", gateway + "/dashboard/mentor/" + mentorId + "/patient/" + id, mentorToken, null);
            assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
            JsonNode board = json.readTree(view.body());
            assertThat(board.path("sources").path("goals").asText()).isEqualTo("goal-service");
            assertThat(board.path("sources").path("metrics").asText()).isEqualTo("analytics-service");
            assertThat(board.path("goals").findValuesAsText("title")).contains("Walk");
            assertThat(board.path("journal")
                            .path(0)
                            .path("sentiment")
                            .path("label")
                            .asText())
                    .isEqualTo("NEGATIVE");
            assertThat(board.path("journal").path(0).hasNonNull("text")).isFalse();
            // the copilot (offline rules in ./run without a key) answers from the member's real figures
            var asked = send(
                    http,
                    "POST",
                    gateway + "/mentor/chat/",
                    mentorToken,
                    "{\"patientId\":\"" + id + "\",\"message\":\"How is Smoke doing?\"}");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            JsonNode answer = json.readTree(asked.body());
            assertThat(answer.path("contextUsed").path("metrics").asText()).isEqualTo("analytics-service");
            // the copilot states the member's adherence as analytics-service computes it (the walk kept both days;
            // the planned run may have been owed on the second)
            var adherence7 = json.readTree(send(http, "GET", gateway + "/dashboard/analytics/" + id, token, null)
                            .body())
                    .path("adherence")
                    .path("7")
                    .decimalValue();
            assertThat(answer.path("reply").asText())
                    .contains("adherence " + Math.round(adherence7.doubleValue() * 100) + " % over the last 7 days");
            // an at-risk alert through all six services: a second mentee whose daily habit started ten days ago and
            // was never logged is HIGH at its first computation (goal-service -> sync-service -> warehouse ->
            // analytics-service's outbox -> goalcoach.analytics -> mentor-service); the mentor acknowledges it
            String slipEmail = "slip-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            var slip = post(
                    http,
                    gateway + "/auth/register",
                    "{\"email\":\"" + slipEmail
                            + "\",\"password\":\"Correct-horse-9\",\"displayName\":\"Slip\",\"timezone\":\"UTC\"}");
            assertThat(slip.statusCode()).as(slip.body()).isEqualTo(201);
            String slipId = field(slip.body(), "id");
            verifyByMail(http, gateway, slipEmail); // a mentor is given to a verified address only
            assertThat(send(
                                    http,
                                    "PUT",
                                    gateway + "/members/" + slipId + "/mentor",
                                    admin,
                                    "{\"mentorId\":\"" + mentorId + "\"}")
                            .statusCode())
                    .isEqualTo(200);
            String slipToken = field(
                    post(
                                    http,
                                    gateway + "/auth/login",
                                    "{\"email\":\"" + slipEmail + "\",\"password\":\"Correct-horse-9\"}")
                            .body(),
                    "access_token");
            var tenDaysAgo =
                    LocalDate.ofInstant(TestNow.instant(), ZoneId.of("UTC")).minusDays(10);
            HttpResponse<String> slipGoal = await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> send(
                                    http,
                                    "POST",
                                    gateway + "/goals",
                                    slipToken,
                                    "{\"title\":\"Stretch\",\"theme\":\"HEALTH\",\"habits\":[{\"title\":\"stretch\","
                                            + "\"startDate\":\"" + tenDaysAgo
                                            + "\",\"schedule\":{\"type\":\"DAILY\"}}]}"),
                            made -> made.statusCode() != 503);
            assertThat(slipGoal.statusCode()).as(slipGoal.body()).isEqualTo(201);
            JsonNode alerts = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> json.readTree(send(http, "GET", gateway + "/mentor/alerts", mentorToken, null)
                                    .body()),
                            a -> a.path("items").size() > 0);
            assertThat(alerts.path("items").size()).isEqualTo(1);
            JsonNode alert = alerts.path("items").path(0);
            assertThat(alert.path("memberId").asText()).isEqualTo(slipId);
            assertThat(alert.path("level").asText()).isEqualTo("HIGH");
            assertThat(alert.path("reasons").findValuesAsText("code")).contains("NO_RECENT_CHECKIN");
            assertThat(json.readTree(send(
                                            http,
                                            "GET",
                                            gateway + "/mentor/chat/" + mentorId + "/patients",
                                            mentorToken,
                                            null)
                                    .body())
                            .path("openAlerts")
                            .asInt())
                    .isEqualTo(1);
            var acknowledged = send(
                    http,
                    "POST",
                    gateway + "/mentor/alerts/" + alert.path("id").asText() + "/acknowledge",
                    mentorToken,
                    null);
            assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
            assertThat(json.readTree(acknowledged.body()).path("state").asText())
                    .isEqualTo("ACKNOWLEDGED");
            // the dashboard client through the gateway, signed in by the real member-service: the roster page
            // lists both mentees, the acknowledged alert no longer open
            var loginPage = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/mentor/app/login"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(loginPage.statusCode()).isEqualTo(200);
            String loginCookie = cookie(loginPage, "gc_mentor_login");
            var csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
            assertThat(csrf.find()).isTrue();
            var signedIn = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/mentor/app/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", "gc_mentor_login=" + loginCookie)
                            .POST(HttpRequest.BodyPublishers.ofString("email="
                                    + mentorEmail.replace("@", "%40") + "&password=Correct-horse-9&csrf="
                                    + csrf.group(1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
            String session = cookie(signedIn, "gc_mentor_session");
            var rosterPage = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/mentor/app/roster"))
                            .header("Cookie", "gc_mentor_session=" + session)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rosterPage.statusCode()).isEqualTo(200);
            assertThat(rosterPage.body())
                    .contains("data-member=\"" + id + "\"")
                    .contains("data-member=\"" + slipId + "\"")
                    .contains("No open alerts");
            // and the member is no mentor: 403
            assertThat(send(http, "GET", gateway + "/mentor/chat/" + mentorId + "/patients", token, null)
                            .statusCode())
                    .isEqualTo(403);

            // and the internal API is not routed: no way to it through the gateway
            var internal = send(http, "GET", gateway + "/internal/journal/" + entryId + "?revision=1", token, null);
            assertThat(internal.statusCode()).isEqualTo(404);

            var pg = testPg != null && !testPg.isBlank()
                    ? Postgres.external(testPg)
                    : Postgres.external(
                            "postgresql://postgres@127.0.0.1:" + launcherPostgresPort(output) + "/postgres");

            // the member's data export, the erasure's mirror: every row about them in every service's own
            // database is in it, row for row (bookkeeping and the mentor's notes excepted), and their metrics
            var held = rowsAbout(pg, id, NOT_EXPORTED);
            assertThat(held.keySet())
                    .as("what the journey left about the member")
                    .contains(
                            "goalcoach_goals.public.checkins",
                            "goalcoach_goals.public.journal_entries",
                            "goalcoach_coach.public.chat_messages",
                            "goalcoach_mentor.public.mentor_interactions");
            var topology = Topology.load(ROOT.resolve("deploy/topology.json"));
            var exported = send(http, "GET", gateway + "/members/" + id + "/export", token, null);
            assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
            JsonNode services = json.readTree(exported.body()).path("services");
            for (var table : held.entrySet()) {
                String[] at = table.getKey().split("\\.");
                if (at[0].equals("goalcoach_warehouse")) {
                    continue; // the warehouse's copies: the export carries the metrics computed from them
                }
                String service = topology.services().stream()
                        .filter(sv -> sv.database().equals(at[0]))
                        .findFirst()
                        .orElseThrow()
                        .name();
                assertThat(services.path(service).path(at[2]).size())
                        .as("the export's " + service + " " + at[2])
                        .isEqualTo(table.getValue().intValue());
            }
            assertThat(services.path("member-service")
                            .path("members")
                            .path(0)
                            .path("email")
                            .asText())
                    .isEqualTo(email);
            assertThat(services.path("member-service").path("members").path(0).has("password_hash"))
                    .isFalse();
            assertThat(services.path("analytics-service")
                            .path("metrics")
                            .path("memberId")
                            .asText())
                    .isEqualTo(id);
            assertThat(send(http, "GET", gateway + "/members/" + id + "/export", mentorToken, null)
                            .statusCode())
                    .as("not their mentor's to take")
                    .isEqualTo(404);

            // erasure: the member deletes their account, and every service and the warehouse lose every row about
            // them (member.deleted through the broker), table by table, but the tombstones that keep them erased
            var erased = send(http, "DELETE", gateway + "/members/" + id, token, null);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(rowsAbout(pg, id, KEPT))
                            .as("rows about the erased member, by database.table")
                            .isEmpty());
            assertThat(send(http, "GET", gateway + "/mentor/chat/" + mentorId + "/patients", mentorToken, null)
                            .body())
                    .doesNotContain(id)
                    .contains(slipId);
        } catch (Exception | AssertionError e) {
            synchronized (output) {
                throw new AssertionError("launcher output:\n" + output, e);
            }
        } finally {
            collector.close();
            // SIGTERM, as Ctrl-C would (through the handle: Process.destroy would also close its output)
            launcher.toHandle().destroy();
            boolean exited = launcher.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
            assertThat(exited).as("the launcher stops within 90 s").isTrue();
        }
        for (var child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child " + child.pid() + " stopped").isFalse();
        }
        assertThat(portOpen(8080 + offset)).isFalse();
        assertThat(portOpen(8081 + offset)).isFalse();
        reader.join(10_000);
        synchronized (output) {
            assertThat(output.toString()).contains("stopped.");
        }
    }

    /**
     * What erasure keeps on purpose: the tombstones that keep a member erased (each service's directory row marked
     * deleted, the warehouse's list of erased members) and, of a mentor's audit about an erased mentee, the minimal
     * row (who looked, when, what kind; no text, no context: mentor-service's MentorErasure).
     */
    private static final java.util.Set<String> KEPT =
            java.util.Set.of("member_directory", "sync_erased_members", "mentor_interactions");

    /**
     * What the export leaves out on purpose: the directories (a copy of the profile), bookkeeping (idempotency keys,
     * dashboard sessions) and a mentor's notes (theirs, not the member's).
     */
    private static final java.util.Set<String> NOT_EXPORTED = java.util.Set.of(
            "member_directory", "sync_erased_members", "idempotency_keys", "mentor_app_sessions", "mentor_notes");

    /** The PostgreSQL port the launcher printed ("PostgreSQL  127.0.0.1:port"). */
    private static int launcherPostgresPort(StringBuilder output) {
        synchronized (output) {
            var m = Pattern.compile("PostgreSQL {2}127\\.0\\.0\\.1:(\\d+)").matcher(output);
            assertThat(m.find()).as("the launcher printed its PostgreSQL").isTrue();
            return Integer.parseInt(m.group(1));
        }
    }

    /**
     * Every table of every service's database (and the warehouse) with a {@code member_id} column, and how many of
     * its rows are about {@code memberId}, where that is not zero ({@code database.schema.table}), but the tables
     * {@code skipped}.
     */
    private static java.util.Map<String, Long> rowsAbout(Postgres pg, String memberId, java.util.Set<String> skipped)
            throws Exception {
        var found = new java.util.TreeMap<String, Long>();
        var topology = Topology.load(ROOT.resolve("deploy/topology.json"));
        for (String database : topology.services().stream()
                .map(Topology.Service::database)
                .distinct()
                .toList()) {
            try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
                    var tables = c.createStatement()
                            .executeQuery("select table_schema, table_name from information_schema.columns"
                                    + " where column_name = 'member_id' and table_schema not in"
                                    + " ('pg_catalog', 'information_schema')")) {
                while (tables.next()) {
                    String table = tables.getString(1) + "." + tables.getString(2);
                    if (skipped.contains(tables.getString(2))) {
                        continue;
                    }
                    try (var count =
                            c.prepareStatement("select count(*) from " + table + " where member_id::text = ?")) {
                        count.setString(1, memberId);
                        try (var rs = count.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.put(database + "." + table, rs.getLong(1));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String token, String json)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(
                request.method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of cookie {@code name} the answer sets. */
    private static String cookie(HttpResponse<String> answer, String name) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + answer.headers()));
    }

    /**
     * Follows the verification link mailed to {@code email}: listed at ./run's /dev/mail.json once its SMTP server
     * took it, leading to the gateway (the suite's public address here).
     */
    private static void verifyByMail(HttpClient http, String gateway, String email) throws Exception {
        JsonNode mails = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> new ObjectMapper()
                                .readTree(get(http, gateway + "/dev/mail.json?to=" + email)
                                        .body()),
                        a -> a.size() > 0);
        String text = mails.get(0).path("text").asText();
        var link = Pattern.compile(Pattern.quote(gateway) + "/auth/verify-email\\?token=\\S+")
                .matcher(text);
        assertThat(link.find()).as(text).isTrue();
        var verified = get(http, link.group());
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(verified.body()).contains("is confirmed");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        var m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static boolean portOpen(int port) {
        try (var s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid of the child running {@code service}'s jar. */
    private static long child(List<ProcessHandle> children, String service) {
        return children.stream()
                .filter(p ->
                        p.info().commandLine().orElse("").contains(service + "/target/quarkus-app/quarkus-run.jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no process runs " + service))
                .pid();
    }

    /** A process's niceness, from {@code /proc/<pid>/stat} (its 19th field). */
    private static int nice(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
