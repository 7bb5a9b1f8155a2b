package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.embedded.KafkaBroker;
import dev.goalcoach.embedded.Postgres;
import dev.goalcoach.testkit.TestNow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults under the whole suite as {@code ./run} starts it (the packaged services, one PostgreSQL, one broker), the
 * server and broker held by this test so that it can take them away: PostgreSQL restarted under every service while
 * check-ins flow, the broker stopped and started during a burst, sync-service killed with SIGKILL while it loads.
 * Members act like a real client: a check-in not answered 2xx is sent again with the same {@code Idempotency-Key}.
 * In each, a member erases themselves during the fault. After each: every accepted check-in is in the warehouse
 * exactly once (none lost, none doubled, none that was not accepted), the erased member's data is gone from
 * goal-service and the warehouse, and analytics-service's day series equals a recount of the accepted check-ins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PASSWORD = "Faulty-horse-9";
    private static final int HABITS = 3;
    /** Each member checks in every habit on each of these days back (1 to 6: never today, whatever the hour). */
    private static final int DAYS = 6;

    private static Path home;
    private static int pgPort;
    private static Postgres postgres;
    private static KafkaBroker kafka;
    private static Launcher launcher;
    private static int offset;
    private static LocalDate today;

    /** A member with a goal of {@link #HABITS} daily habits, started a week ago. */
    record Member(UUID id, String token, List<UUID> habits) {}

    /** One check-in a member means to log, with the key its retries carry. */
    record Intent(Member member, UUID habit, LocalDate date, String key) {}

    /** What one phase sent and what came of it. */
    record Tally(String phase, int sent, int accepted, int requests, int inWarehouse, int duplicates, int lost) {
        @Override
        public String toString() {
            return String.format(
                    "%-26s sent %3d, accepted %3d (%3d requests), in the warehouse %3d, duplicates %d, lost %d",
                    phase, sent, accepted, requests, inWarehouse, duplicates, lost);
        }
    }

    private static final Set<Intent> ACCEPTED = ConcurrentHashMap.newKeySet();
    private static final Set<UUID> ERASED = ConcurrentHashMap.newKeySet();
    private static final List<Tally> TALLIES = new ArrayList<>();

    @BeforeAll
    static void startTheSuiteOnAServerAndBrokerOfOurOwn() throws Exception {
        home = Files.createTempDirectory("goalcoach-faults");
        pgPort = LocalPorts.freePort();
        postgres = Postgres.embedded(home.resolve("postgres"), pgPort);
        kafka = KafkaBroker.start(home.resolve("kafka"), 0);
        offset = LocalPorts.freeOffset();
        var env = new HashMap<>(System.getenv());
        env.put("GOALCOACH_DB_URL", "postgresql://postgres:postgres@127.0.0.1:" + pgPort + "/postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("GOALCOACH_HOME", home.toString());
        env.put("GOALCOACH_PORT_OFFSET", String.valueOf(offset));
        env.put("GOALCOACH_ADMIN_PASSWORD", "Faults-root-pass-3");
        env.put("GOALCOACH_JAVA_OPTS", LauncherProcess.SERVICE_JVM);
        env.put("GOALCOACH_MEMBER_LIMITS_REGISTRATIONS_PER_ADDRESS", "10000/1m");
        env.put("GOALCOACH_MEMBER_LIMITS_LOGINS_PER_ADDRESS", "10000/1m");
        env.remove("GOALCOACH_CLOCK_OFFSET");
        if (!TestNow.offset().isZero()) {
            env.put("GOALCOACH_CLOCK_OFFSET", TestNow.offset().toString());
            env.put("QUARKUS_PROFILE", "dev");
        }
        launcher = new Launcher(env, ROOT);
        launcher.start();
        today = LocalDate.ofInstant(TestNow.instant(), ZoneOffset.UTC);
    }

    @AfterAll
    static void stopEverything() {
        if (launcher != null) {
            launcher.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        TALLIES.forEach(t -> System.out.println("[faults] " + t));
        if (home != null) {
            try (var files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: the system cleans it up in the end
            }
        }
    }

    @Test
    @Order(1)
    void aPostgresRestartUnderEveryServiceLosesNothingAccepted() throws Exception {
        phase("PostgreSQL restarted", 5, cast -> {
            postgres.close();
            Thread.sleep(5_000);
            postgres = Postgres.embedded(home.resolve("postgres"), pgPort);
        });
    }

    @Test
    @Order(2)
    void aBrokerStoppedDuringABurstLosesNothingAccepted() throws Exception {
        phase("broker stopped 8 s", 5, cast -> {
            kafka.stop();
            Thread.sleep(8_000);
            kafka.restart();
        });
    }

    @Test
    @Order(3)
    void syncServiceKilledWhileItLoadsLosesAndDoublesNothing() throws Exception {
        phase("sync-service SIGKILLed", 5, cast -> {
            // while it loads: some of this phase's check-ins are in the warehouse, more are coming
            int loaded = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> warehouseRows(cast).size(), n -> n > 0);
            var sync = launcher.service("sync-service");
            sync.kill();
            System.out.println("[faults] sync-service killed with " + loaded + " of this phase's rows loaded");
            Thread.sleep(2_000);
            sync.startAgain();
            sync.awaitReady(Duration.ofSeconds(120));
        });
    }

    @FunctionalInterface
    interface Fault {
        /** Strikes while {@code cast} (member ids) are sending. */
        void strike(Set<UUID> cast) throws Exception;
    }

    /**
     * {@code members} new members (and one more who has checked in before and erases themselves during the fault)
     * send their check-ins, two at a time, while {@code fault} strikes; then the warehouse, goal-service and
     * analytics-service are checked against what was accepted.
     */
    private static void phase(String name, int members, Fault fault) throws Exception {
        var doomed = member();
        var before = intentsOf(doomed).subList(0, HABITS);
        for (var intent : before) {
            assertThat(checkin(intent)).isEqualTo(201);
            ACCEPTED.add(intent);
        }
        awaitWarehouseHolds(Set.copyOf(before), Set.of());

        var cast = new ArrayList<Member>();
        for (int i = 0; i < members; i++) {
            cast.add(member());
        }
        var intents = new ArrayList<Intent>();
        cast.forEach(m -> intents.addAll(intentsOf(m)));
        var requests = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(3);
        try {
            var sending = sendWith(pool, intents, 2, Duration.ofMillis(100), requests);
            Thread.sleep(1_500);
            var erasing = pool.submit(() -> erase(doomed, requests));
            var ids = new HashSet<UUID>();
            cast.forEach(m -> ids.add(m.id()));
            fault.strike(ids);
            assertThat(sending.stream().mapToInt(FaultsIT::count).sum())
                    .as("every check-in is accepted in the end")
                    .isEqualTo(intents.size());
            assertThat(erasing.get(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        ERASED.add(doomed.id());

        var expected = new HashSet<Intent>();
        for (var i : ACCEPTED) {
            if (cast.contains(i.member())) {
                expected.add(i);
            }
        }
        var rows = awaitWarehouseHolds(expected, Set.of(doomed.id()));
        int duplicates = rows.values().stream().mapToInt(n -> n - 1).sum();
        int lost = (int) expected.stream()
                .filter(i -> !rows.containsKey(rowKey(i.member().id(), i.habit(), i.date())))
                .count();
        TALLIES.add(new Tally(name, intents.size(), expected.size(), requests.get(), rows.size(), duplicates, lost));
        assertThat(duplicates).isZero();
        assertThat(lost).isZero();

        // the erased member is gone from goal-service's and coach-service's stores (each applies member.deleted
        // from the broker in its own time) and from the warehouse
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(count(
                                    "goalcoach_goals",
                                    "select count(*) from checkins where member_id = '" + doomed.id() + "'"))
                            .isZero();
                    assertThat(count(
                                    "goalcoach_coach",
                                    "select count(*) from coach_checkins where member_id = '" + doomed.id() + "'"))
                            .isZero();
                });
        assertThat(count(
                        "goalcoach_warehouse",
                        "select count(*) from fact_checkins where member_id = '" + doomed.id() + "'"))
                .isZero();
        assertThat(count(
                        "goalcoach_warehouse",
                        "select count(*) from sync_erased_members where member_id = '" + doomed.id() + "'"))
                .isEqualTo(1);

        // and analytics-service's days are a recount of what was accepted
        for (var m : cast) {
            awaitSeriesRecounts(m);
        }
    }

    /** A new member, signed in, with a goal of three daily habits that started a week ago. */
    private static Member member() throws Exception {
        String email = "faults-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
        var registered = call(
                "POST",
                8081,
                "/auth/register",
                null,
                Map.of("email", email, "password", PASSWORD, "displayName", "Faults", "timezone", "UTC"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        UUID id = UUID.fromString(JSON.readTree(registered.body()).path("id").asText());
        var login = call("POST", 8081, "/auth/login", null, Map.of("email", email, "password", PASSWORD));
        String token = JSON.readTree(login.body()).path("access_token").asText();
        var habits = new ArrayList<Map<String, Object>>();
        for (int h = 0; h < HABITS; h++) {
            habits.add(Map.of(
                    "title",
                    "habit " + h,
                    "schedule",
                    Map.of("type", "DAILY"),
                    "startDate",
                    today.minusDays(7).toString()));
        }
        // 503 until goal-service has the new member in its directory
        HttpResponse<String> goal = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> call(
                                "POST",
                                8082,
                                "/goals",
                                token,
                                Map.of("title", "Faults", "theme", "HEALTH", "habits", habits)),
                        r -> r.statusCode() != 503);
        assertThat(goal.statusCode()).as(goal.body()).isEqualTo(201);
        var ids = new ArrayList<UUID>();
        JSON.readTree(goal.body())
                .path("habits")
                .forEach(h -> ids.add(UUID.fromString(h.path("id").asText())));
        return new Member(id, token, ids);
    }

    private static List<Intent> intentsOf(Member m) {
        var intents = new ArrayList<Intent>();
        for (int d = 1; d <= DAYS; d++) {
            for (UUID habit : m.habits()) {
                intents.add(new Intent(
                        m, habit, today.minusDays(d), UUID.randomUUID().toString()));
            }
        }
        return intents;
    }

    /**
     * Sends {@code intents} on {@code threads} of {@code pool}, {@code pause} between two; each is sent again (same
     * key) until it is answered 2xx. A 4xx other than 429 is a failure of the test.
     */
    private static List<Future<Integer>> sendWith(
            ExecutorService pool, List<Intent> intents, int threads, Duration pause, AtomicInteger requests) {
        var futures = new ArrayList<Future<Integer>>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                int accepted = 0;
                for (int i = first; i < intents.size(); i += threads) {
                    var intent = intents.get(i);
                    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                    while (true) {
                        requests.incrementAndGet();
                        int status = checkin(intent);
                        if (status == 200 || status == 201) {
                            ACCEPTED.add(intent);
                            accepted++;
                            break;
                        }
                        if (status >= 400 && status < 500 && status != 429) {
                            throw new AssertionError("check-in " + intent + " refused: " + status);
                        }
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("check-in " + intent + " never accepted");
                        }
                        Thread.sleep(300);
                    }
                    Thread.sleep(pause.toMillis());
                }
                return accepted;
            }));
        }
        return futures;
    }

    private static int checkin(Intent i) {
        try {
            var body = JSON.writeValueAsString(
                    Map.of("habitId", i.habit().toString(), "date", i.date().toString(), "status", "DONE"));
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8082 + offset) + "/checkins"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header(
                                            "Authorization",
                                            "Bearer " + i.member().token())
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", i.key())
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0; // no answer: sent again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The member erases themselves, asking again until it is answered 204. */
    private static boolean erase(Member m, AtomicInteger requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            requests.incrementAndGet();
            try {
                int status = call("DELETE", 8081, "/members/" + m.id(), m.token(), null)
                        .statusCode();
                if (status == 204) {
                    return true;
                }
                if (status == 404) {
                    return true; // erased by an earlier attempt whose answer was lost
                }
            } catch (IOException noAnswer) {
                // asked again
            }
            Thread.sleep(300);
        }
        return false;
    }

    private static int count(Future<Integer> f) {
        try {
            return f.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String rowKey(Object member, Object habit, Object date) {
        return member + "/" + habit + "/" + date;
    }

    /**
     * Waits until the warehouse holds a row for each of {@code expected} and none for {@code erased}; answers the
     * rows of the members concerned, keyed member/habit/date, with how many there are of each.
     */
    private static Map<String, Integer> awaitWarehouseHolds(Set<Intent> expected, Set<UUID> erased) {
        var members = new HashSet<UUID>(erased);
        expected.forEach(i -> members.add(i.member().id()));
        return await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(
                        () -> warehouseRows(members),
                        rows -> expected.stream()
                                        .allMatch(i -> rows.containsKey(
                                                rowKey(i.member().id(), i.habit(), i.date())))
                                && erased.stream()
                                        .noneMatch(e -> rows.keySet().stream().anyMatch(k -> k.startsWith(e + "/"))));
    }

    private static Map<String, Integer> warehouseRows(Set<UUID> members) throws Exception {
        var rows = new HashMap<String, Integer>();
        try (var c = postgres.connect("goalcoach_warehouse");
                var s = c.prepareStatement("select member_id, habit_id, local_date, count(*) from fact_checkins"
                        + " where member_id = any(?) group by 1, 2, 3")) {
            s.setArray(1, c.createArrayOf("uuid", members.toArray()));
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(rowKey(r.getObject(1), r.getObject(2), r.getObject(3)), r.getInt(4));
                }
            }
        }
        return rows;
    }

    private static long count(String database, String sql) throws Exception {
        try (var c = postgres.connect(database);
                var s = c.createStatement();
                var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** analytics-service's day series for the member: each day met as often as check-ins were accepted for it. */
    private static void awaitSeriesRecounts(Member m) {
        var recount = new HashMap<LocalDate, Integer>();
        for (var i : ACCEPTED) {
            if (i.member().equals(m)) {
                recount.merge(i.date(), 1, Integer::sum);
            }
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    var answer = call("GET", 8085, "/analytics/members/" + m.id() + "/series", m.token(), null);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    var met = new HashMap<LocalDate, Integer>();
                    for (JsonNode day : JSON.readTree(answer.body())) {
                        var date = LocalDate.parse(day.path("date").asText());
                        if (recount.containsKey(date)) {
                            met.put(date, day.path("met").asInt());
                        }
                    }
                    assertThat(met).isEqualTo(recount);
                });
    }

    private static HttpResponse<String> call(String method, int port, String path, String token, Object body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + offset) + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(
                request.method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
