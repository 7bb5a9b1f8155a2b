import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Freshness of the metrics (bench/analytics-freshness.sh): check-ins are posted to goal-service at a steady rate
 * through the real pipeline (goal-service, outbox, Kafka, sync-service, warehouse, batch notice, analytics-service);
 * for those of every sample-every-th habit, the time from the 201 to the analytics API showing their effect (the habit's current
 * streak at the figure their round makes, or at one only a later round makes: {@link Shown}; each habit is logged
 * backwards from today, one day per round) is measured by polling GET /dashboard/analytics/{member} every POLL_MS.
 *
 * <p>Arguments: members-url goals-url analytics-url members habits-per-member rate-per-second sample-every poll-ms
 * [max-in-flight [warm-up-members]]: other members' check-ins at the same rate first, unmeasured, so that the
 * figures are those of a warmed-up stack (every service's JIT compiles on the same 2 cores otherwise).
 */
public class Freshness {

    record Habit(String member, String token, String id) {}

    /** What a drive saw: check-ins stored (new or changed), refused, the rate achieved, the freshness probes. */
    record Result(int stored, int refused, double rate, List<Long> freshness, int unseen) {}

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8))
            .build();

    public static void main(String[] args) throws Exception {
        String membersUrl = args[0], goalsUrl = args[1], analyticsUrl = args[2];
        int members = Integer.parseInt(args[3]), perMember = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]), sampleEvery = Integer.parseInt(args[6]);
        int pollMs = Integer.parseInt(args[7]);
        // at most this many check-ins in flight, as a gateway's connection pool to goal-service allows; the rest
        // wait their turn here (0: no limit, every late request on a connection of its own)
        int maxInFlight = args.length > 8 ? Integer.parseInt(args[8]) : 64;
        // members whose check-ins warm the stack up first (the JIT of every service), unmeasured (0: none)
        int warmUpMembers = args.length > 9 ? Integer.parseInt(args[9]) : 20;
        String run = Long.toString(System.currentTimeMillis(), 36);
        var measured = setUp(membersUrl, goalsUrl, "fresh-" + run, members, perMember);
        if (warmUpMembers > 0) {
            var warmUp = setUp(membersUrl, goalsUrl, "warm-" + run, warmUpMembers, perMember);
            System.out.println("== warm-up (not measured)");
            drive(warmUp, goalsUrl, analyticsUrl, rate, 0, pollMs, maxInFlight, 8);
            Thread.sleep(5_000); // the pipeline drains
            System.out.println("== measured");
        }
        drive(measured, goalsUrl, analyticsUrl, rate, sampleEvery, pollMs, maxInFlight, 8);
        System.exit(0);
    }

    /** Registers {@code members} members, each with {@code perMember} daily habits started 10 days ago. */
    static List<Habit> setUp(String membersUrl, String goalsUrl, String prefix, int members, int perMember)
            throws Exception {
        var today = LocalDate.now(ZoneOffset.UTC);
        System.out.printf("== %d members x %d daily habits (started 10 days ago)%n", members, perMember);
        var habits = Collections.synchronizedList(new ArrayList<Habit>());
        var setup = Executors.newFixedThreadPool(4);
        var failures = new ConcurrentLinkedQueue<String>();
        for (int m = 0; m < members; m++) {
            int n = m;
            setup.submit(() -> {
                try {
                    String email = prefix + "-" + n + "@example.org";
                    post(membersUrl + "/auth/register", null, "{\"email\":\"" + email
                            + "\",\"password\":\"Correct-horse-9\",\"displayName\":\"F" + n + "\",\"timezone\":\"UTC\"}");
                    var login = post(membersUrl + "/auth/login", null, "{\"email\":\"" + email
                            + "\",\"password\":\"Correct-horse-9\"}");
                    String token = JSON.readTree(login.body()).path("access_token").asText();
                    String member = subject(token);
                    for (int g = 0; g < (perMember + 19) / 20; g++) {
                        var list = new StringBuilder();
                        for (int h = g * 20; h < Math.min(perMember, (g + 1) * 20); h++) {
                            list.append(list.length() == 0 ? "" : ",")
                                    .append("{\"title\":\"h").append(h)
                                    .append("\",\"schedule\":{\"type\":\"DAILY\"},\"startDate\":\"")
                                    .append(today.minusDays(10)).append("\"}");
                        }
                        HttpResponse<String> goal = null;
                        for (int attempt = 0; attempt < 100; attempt++) { // goal-service learns of the member from Kafka
                            goal = post(goalsUrl + "/goals", token, "{\"title\":\"Fresh " + g
                                    + "\",\"theme\":\"OTHER\",\"habits\":[" + list + "]}");
                            if (goal.statusCode() == 201) {
                                break;
                            }
                            Thread.sleep(200);
                        }
                        for (JsonNode h : JSON.readTree(goal.body()).path("habits")) {
                            habits.add(new Habit(member, token, h.path("id").asText()));
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });
        }
        setup.shutdown();
        setup.awaitTermination(10, TimeUnit.MINUTES);
        if (!failures.isEmpty() || habits.size() != members * perMember) {
            throw new IllegalStateException(habits.size() + " habits; " + failures);
        }
        return habits;
    }

    /**
     * Posts every habit's check-ins (today and 7 days back, one day per round) at {@code rate}/s, probing those of
     * every {@code sampleEvery}-th habit (0: none) until their effect shows; prints what it saw. Rounds past the eighth go over
     * the same eight days again as corrections (SKIPPED, then DONE again, and so on: each one changes the day, a
     * {@code checkin.updated}); those are probed too ({@link Shown}: which round the API shows).
     */
    static Result drive(
            List<Habit> habits,
            String goalsUrl,
            String analyticsUrl,
            int rate,
            int sampleEvery,
            int pollMs,
            int maxInFlight,
            int rounds)
            throws Exception {
        return drive(habits, goalsUrl, analyticsUrl, rate, sampleEvery, pollMs, maxInFlight, rounds, 8);
    }

    /** As above, over the last {@code days} days (1: today only; later rounds correct today's check-in). */
    static Result drive(
            List<Habit> habits,
            String goalsUrl,
            String analyticsUrl,
            int rate,
            int sampleEvery,
            int pollMs,
            int maxInFlight,
            int rounds,
            int days)
            throws Exception {
        var inFlight = new java.util.concurrent.Semaphore(maxInFlight > 0 ? maxInFlight : Integer.MAX_VALUE);
        var answerTimes = new ConcurrentLinkedQueue<Long>();
        var today = LocalDate.now(ZoneOffset.UTC);
        // by default today and 7 days back: the furthest goal-service takes; later rounds correct those days
        int total = habits.size() * rounds;
        System.out.printf(
                "== %d check-ins at %d/s (%d s), every %dth habit's probed every %d ms, from %s%n",
                total, rate, total / rate, sampleEvery, pollMs, java.time.LocalTime.now());
        var latencies = new ConcurrentLinkedQueue<Long>();
        var created = new AtomicInteger();
        var refused = new ConcurrentLinkedQueue<String>();
        var unseen = new AtomicInteger();
        var probes = new AtomicInteger();
        var pending = new AtomicInteger();
        var lastAnswer = new java.util.concurrent.atomic.AtomicLong();
        var shown = new java.util.concurrent.ConcurrentHashMap<String, Shown>();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2); // the check-ins' own clock
        ScheduledExecutorService polls = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            int n = i;
            var habit = habits.get(i % habits.size());
            int k = i / habits.size() + 1; // this habit's k-th check-in: in the first 8, its streak becomes k
            var day = today.minusDays((k - 1) % days);
            String status = ((k - 1) / days) % 2 == 0 ? "DONE" : "SKIPPED";
            // every sampleEvery-th habit, at each of its check-ins: its chain of polls sees each round come (Shown)
            boolean probed = sampleEvery > 0 && (i % habits.size()) % sampleEvery == 0;
            clock.schedule(
                    () -> {
                        inFlight.acquireUninterruptibly();
                        pending.incrementAndGet();
                        long sentAt = System.nanoTime();
                        HTTP.sendAsync(
                                        request(goalsUrl + "/checkins", habit.token())
                                                .POST(HttpRequest.BodyPublishers.ofString("{\"habitId\":\""
                                                        + habit.id() + "\",\"date\":\"" + day + "\",\"status\":\""
                                                        + status + "\"}"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .whenComplete((r, e) -> {
                                    inFlight.release();
                                    pending.decrementAndGet();
                                    long at = System.nanoTime();
                                    answerTimes.add((at - sentAt) / 1_000_000);
                                    lastAnswer.accumulateAndGet(at, Math::max);
                                    // 201 new; 200 a correction that changed the day
                                    if (e != null || (r.statusCode() != 201 && !(k > days && r.statusCode() == 200))) {
                                        refused.add(e != null ? e.toString() : r.statusCode() + " " + r.body());
                                        return;
                                    }
                                    created.incrementAndGet();
                                    if (probed) {
                                        probes.incrementAndGet();
                                        shown.computeIfAbsent(habit.id(), id -> new Shown(polls, analyticsUrl, habit,
                                                        days, rounds, pollMs, latencies, unseen))
                                                .probe(k, at);
                                    }
                                });
                    },
                    start + n * periodNanos - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
        }
        // every check-in answered (those behind schedule waited for a place in flight) and every probe settled,
        // or two minutes past the schedule
        long deadline = start + (long) total * periodNanos + TimeUnit.SECONDS.toNanos(120);
        while (latencies.size() + unseen.get() < probes.get() || created.get() + refused.size() < total) {
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        double sent = (lastAnswer.get() - start) / 1e9;
        clock.shutdownNow();
        polls.shutdownNow();
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        // the slowest probe of each second of the drive (by when its check-in was answered): a tail that is one
        // stall shows as a run of slow seconds, one spread thin as scattered ones
        var worst = new java.util.TreeMap<Long, Long>();
        for (long[] t : TIMELINE) {
            if (t[0] >= start) {
                worst.merge((t[0] - start) / 1_000_000_000L, t[1], Math::max);
            }
        }
        // a probe slower than a second: its round, the streak its round made, what its last poll before showed
        var slow = new StringBuilder("freshness, probes slower than 1 s (at s of the drive: round (its streak), the"
                + " streak shown before it, polls):");
        for (long[] t : TIMELINE) {
            if (t[0] >= start && t[1] > 1000) {
                slow.append(String.format(" %.1fs: %d (%d), %d, %d polls, %d ms;", (t[0] - start) / 1e9, t[2],
                        Shown.streak(t[2], days), t[3], t[4], t[1]));
            }
        }
        System.out.println(slow);
        TIMELINE.clear();
        var line = new StringBuilder("freshness, the slowest probe by second of the drive:");
        worst.forEach((second, ms) -> line.append(' ').append(second).append("s:").append(ms));
        System.out.println(line);
        System.out.printf("check-ins: %d stored, %d refused or failed%s%n", created.get(), refused.size(),
                refused.isEmpty() ? "" : " (first: " + refused.peek() + ")");
        System.out.printf("achieved rate: %.0f check-ins/s (201s over %.1f s)%n", created.get() / sent, sent);
        var answers = new ArrayList<>(answerTimes);
        Collections.sort(answers);
        System.out.printf(
                "goal-service's answers (at most %s in flight): p50 %d ms, p99 %d ms%n",
                maxInFlight > 0 ? maxInFlight : "unlimited", pct(answers, 50), pct(answers, 99));
        System.out.printf(
                "freshness over %d probes (201 -> visible in GET /dashboard/analytics): p50 %d ms, p90 %d ms, p99 %d"
                        + " ms, max %d ms; not seen within 30 s: %d%n",
                sorted.size(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 100), unseen.get());
        return new Result(created.get(), refused.size(), created.get() / sent, sorted, unseen.get());
    }

    /**
     * Each probe seen: when its check-in was answered (nanoTime), how long until it showed (ms), its round, the
     * streak the poll before showed (-1: none), its polls.
     */
    static final ConcurrentLinkedQueue<long[]> TIMELINE = new ConcurrentLinkedQueue<>();

    /** Every GET the probes have sent (PipelineCost takes what they cost out of analytics-service's figure). */
    static final java.util.concurrent.atomic.AtomicLong PROBE_REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A habit's probes, and which round of its check-ins the analytics API shows, at the least: each round leaves
     * the habit's current streak at a figure the drive knows ({@link #streak}), but the figures come round again (a
     * DONE round lengthens the streak, a SKIPPED one shortens it: a skip continues a streak without lengthening it),
     * and a batch may load a round with the next few, past its figure and back: a probe that waited for its round's
     * figure (or one past it) waited for the habit's next phase, 1.3 s at 250/s, though its round had shown
     * (bench/README.md, "The tail of workload a was the probe's"). So one chain of polls a habit, each sent after
     * the answer before it, reads the metrics from its first check-in's 201 until its last shows; as they never
     * move back to an older state, the round shown is at least the first, from the last known, that left the
     * streak shown. A probe is seen at the first answer that puts it at its round or later: never sooner than its
     * round showed, later by a poll at most when a batch took the streak to a figure and back (a habit's every
     * round is probed, so no round goes by unwatched: one that did could leave a figure that an earlier round left
     * too, and the chain would take the earlier).
     */
    static final class Shown {
        private final ScheduledExecutorService clock;
        private final String analyticsUrl;
        private final Habit habit;
        private final int days;
        private final int rounds;
        private final int pollMs;
        private final ConcurrentLinkedQueue<Long> latencies;
        private final AtomicInteger unseen;
        private final List<long[]> waiting = new ArrayList<>(); // each probe's round and when it was answered
        private int lowest; // round 0: before the first check-in (no metrics yet, or a streak of 0)
        private int current = -1; // the streak the last answer showed (-1: none yet)
        private boolean polling;

        Shown(ScheduledExecutorService clock, String analyticsUrl, Habit habit, int days, int rounds, int pollMs,
                ConcurrentLinkedQueue<Long> latencies, AtomicInteger unseen) {
            this.clock = clock;
            this.analyticsUrl = analyticsUrl;
            this.habit = habit;
            this.days = days;
            this.rounds = rounds;
            this.pollMs = pollMs;
            this.latencies = latencies;
            this.unseen = unseen;
        }

        /** The habit's current streak once its {@code k}-th check-in (k >= 1) and those before it show. */
        static int streak(long k, int days) {
            int j = (int) ((k - 1) % days);
            return ((k - 1) / days) % 2 == 0 ? j + 1 : days - 1 - j;
        }

        /** Waits for the habit's {@code round}-th check-in, answered at {@code since} (nanoTime), to show. */
        synchronized void probe(int round, long since) {
            waiting.add(new long[] {round, since, 0});
            if (!polling) {
                polling = true;
                poll();
            }
        }

        private void poll() {
            clock.schedule(
                    () -> {
                        PROBE_REQUESTS.incrementAndGet();
                        HTTP.sendAsync(
                                        request(analyticsUrl + "/dashboard/analytics/" + habit.member(), habit.token())
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .whenComplete((r, e) -> answered(e == null && r.statusCode() == 200 ? r.body() : null));
                    },
                    pollMs,
                    TimeUnit.MILLISECONDS);
        }

        private synchronized void answered(String body) {
            long at = System.nanoTime();
            int before = current;
            try {
                for (JsonNode h : body == null ? JSON.createArrayNode() : JSON.readTree(body).path("habits")) {
                    if (h.path("habitId").asText().equals(habit.id())) {
                        current = h.path("streak").path("current").asInt(-1);
                    }
                }
            } catch (Exception parse) {
                // the next poll reads it again
            }
            if (current >= 0) {
                for (int r = lowest; r <= rounds; r++) {
                    if ((r == 0 ? 0 : streak(r, days)) == current) {
                        lowest = r;
                        break;
                    }
                }
            }
            for (var i = waiting.iterator(); i.hasNext(); ) {
                long[] w = i.next();
                w[2]++;
                long ms = (at - w[1]) / 1_000_000;
                if (lowest >= w[0]) {
                    latencies.add(ms);
                    TIMELINE.add(new long[] {w[1], ms, w[0], before, w[2]});
                    i.remove();
                } else if (ms > 30_000) {
                    unseen.incrementAndGet();
                    i.remove();
                }
            }
            if (waiting.isEmpty()) {
                polling = false;
            } else {
                poll();
            }
        }
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static HttpRequest.Builder request(String url, String token) {
        var b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(
                request(url, token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String subject(String jwt) throws Exception {
        var payload = java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JSON.readTree(payload).path("sub").asText();
    }
}
