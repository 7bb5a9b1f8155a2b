import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of a check-in, per stage (bench/pipeline-cost.sh): check-ins go through the real pipeline at fixed rates
 * ({@link Freshness#drive}), and the CPU time each process of the stack spent from the first check-in until the
 * pipeline drained (sync-service's lag at zero, analytics-service idle) is read from /proc and divided by the
 * check-ins stored. Processes: every service's JVM (goal-service's relay threads — the outbox relay and its Kafka
 * producer — apart), PostgreSQL (the server and its backends, exited ones included), the launcher's JVM (the Kafka
 * broker and the gateway; the bench calls the services directly, so it is the broker). The bench's own JVM is not
 * counted. What each process spends idle (watched for {@value #IDLE_SECONDS} s before each rate: pollers, timers, the
 * rollover's minute) is taken out of the figure per check-in and shown beside it. The freshness probes' reads are
 * counted, one is measured on its own after the last rate, and analytics-service's figure is also shown without them.
 * What the JVMs' JIT compiler threads spent is inside their figures and also shown apart ({@link #JIT}): how far a
 * rate's figure is still the JIT's first compilations rather than the check-ins' own work.
 *
 * <p>PostgreSQL is split by who its backends serve ({@code pg_stat_activity}: the database, and in the warehouse
 * sync-service's loader apart from analytics-service); the server's own processes and backends that exited go to
 * "postgresql: server".
 *
 * <p>Arguments: launcher-pid state-directory postgresql-port clock-ticks-per-second members-url goals-url analytics-url sync-url workload (a: one
 * member x 20 daily habits; b: 1,000 members x 3) rates (comma-separated) rounds sample-every poll-ms max-in-flight
 * [days: the rounds go over the last this many days, 8 by default; 1: today's check-ins, later rounds correcting
 * them] [warm-up rounds] [warm-up rate] [warm-up: small or workload] [warm-up sample-every, 20 by default].
 */
public class PipelineCost {

    record Workload(String name, int members, int habits) {}

    public static void main(String[] args) throws Exception {
        long launcher = Long.parseLong(args[0]);
        String state = args[1];
        pgPort = Integer.parseInt(args[2]);
        int ticks = Integer.parseInt(args[3]);
        String membersUrl = args[4], goalsUrl = args[5], analyticsUrl = args[6], syncUrl = args[7];
        var workload = args[8].equals("a") ? new Workload("a", 1, 20) : new Workload("b", 1000, 3);
        var rates = args[9].split(",");
        int rounds = Integer.parseInt(args[10]);
        int sampleEvery = Integer.parseInt(args[11]);
        int pollMs = Integer.parseInt(args[12]);
        int maxInFlight = Integer.parseInt(args[13]);
        int days = args.length > 14 ? Integer.parseInt(args[14]) : 8;
        int warmUpRounds = args.length > 15 ? Integer.parseInt(args[15]) : 8;
        int warmUpRate = args.length > 16 ? Integer.parseInt(args[16]) : 100;
        // small: 20 members x 20 habits; workload: the measured workload's shape, as an unmeasured rate of it
        boolean warmUpAsWorkload = args.length > 17 && args[17].equals("workload");
        int warmUpSampleEvery = args.length > 18 ? Integer.parseInt(args[18]) : 20;
        String run = Long.toString(System.currentTimeMillis(), 36);

        var warmUp = warmUpAsWorkload
                ? Freshness.setUp(
                        membersUrl, goalsUrl, "cost-warm-" + run, workload.members(), workload.habits())
                : Freshness.setUp(membersUrl, goalsUrl, "cost-warm-" + run, 20, 20);
        drain(syncUrl, analyticsUrl);
        System.out.println("== warm-up (not measured)");
        // probed like the measured rates: analytics-service's read path (the token, the four queries, JSON) is
        // then compiled before the first of them, as it is in a service that has been serving for a while
        Freshness.drive(
                warmUp, goalsUrl, analyticsUrl, warmUpRate, warmUpSampleEvery, pollMs, maxInFlight, warmUpRounds,
                warmUpAsWorkload ? days : 8);
        drain(syncUrl, analyticsUrl);

        // each rate's row: what precedes the stages, the stages, what follows; printed once every stage is known
        var table = new ArrayList<Row>();
        seen = new java.util.HashSet<>(STAGES);
        for (String r : rates) {
            int rate = Integer.parseInt(r.trim());
            var habits = Freshness.setUp(
                    membersUrl, goalsUrl, "cost-" + workload.name() + rate + "-" + run, workload.members(),
                    workload.habits());
            drain(syncUrl, analyticsUrl);
            // what the stack spends idle (timers, pollers, the rollover's minute): measured, and left out below
            var idleFrom = cpu(launcher, state, ticks);
            long idleStart = System.nanoTime();
            Thread.sleep(IDLE_SECONDS * 1000L);
            var idleTo = cpu(launcher, state, ticks);
            double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
            double steppedBefore = metric(analyticsUrl, "goalcoach_analytics_batch_members_total{how=\"stepped\"}");
            double recomputedBefore =
                    metric(analyticsUrl, "goalcoach_analytics_batch_members_total{how=\"recomputed\"}");
            double replayedBefore = metric(analyticsUrl, "goalcoach_analytics_batch_members_total{how=\"replayed\"}");
            double replaysBefore = metric(analyticsUrl, "goalcoach_analytics_replay_seconds_count");
            double replaySecondsBefore = metric(analyticsUrl, "goalcoach_analytics_replay_seconds_sum");
            double stepsBefore = metric(analyticsUrl, "goalcoach_analytics_checkin_step_seconds_count");
            double stepSecondsBefore = metric(analyticsUrl, "goalcoach_analytics_checkin_step_seconds_sum");
            var before = cpu(launcher, state, ticks);
            long probesBefore = Freshness.PROBE_REQUESTS.get();
            long started = System.nanoTime();
            var result = Freshness.drive(
                    habits, goalsUrl, analyticsUrl, rate, sampleEvery, pollMs, maxInFlight, rounds, days);
            drain(syncUrl, analyticsUrl);
            double seconds = (System.nanoTime() - started) / 1e9;
            var after = cpu(launcher, state, ticks);
            double stepped =
                    metric(analyticsUrl, "goalcoach_analytics_batch_members_total{how=\"stepped\"}") - steppedBefore;
            double recomputed = metric(analyticsUrl, "goalcoach_analytics_batch_members_total{how=\"recomputed\"}")
                    - recomputedBefore;
            // replayed (back-dated check-ins continued from the habits' checkpoints) counts as stepped: not recomputed
            double replayed = metric(analyticsUrl, "goalcoach_analytics_batch_members_total{how=\"replayed\"}")
                    - replayedBefore;
            double replays = metric(analyticsUrl, "goalcoach_analytics_replay_seconds_count") - replaysBefore;
            double replaySeconds =
                    metric(analyticsUrl, "goalcoach_analytics_replay_seconds_sum") - replaySecondsBefore;
            stepped += replayed;
            double steps = metric(analyticsUrl, "goalcoach_analytics_checkin_step_seconds_count") - stepsBefore;
            double stepSeconds =
                    metric(analyticsUrl, "goalcoach_analytics_checkin_step_seconds_sum") - stepSecondsBefore;
            double total = 0;
            double gross = 0;
            double idleTotal = 0;
            var perStage = new LinkedHashMap<String, Double>();
            System.out.printf(
                    "== workload %s at %d/s: %d stored (%.0f/s achieved), %.1f s until drained; members of batch"
                            + " notices stepped %.0f (replayed from checkpoints %.0f), recomputed %.0f (%.0f %% stepped)%n",
                    workload.name(),
                    rate,
                    result.stored(),
                    result.rate(),
                    seconds,
                    stepped,
                    replayed,
                    recomputed,
                    stepped + recomputed == 0 ? 0 : 100 * stepped / (stepped + recomputed));
            System.out.printf(
                    "   check-in steps %.0f: %.1f members and %.1f ms each; replays %.0f: %.1f members and %.1f ms each"
                            + " (wall, analytics' timers)%n",
                    steps,
                    steps == 0 ? 0 : (stepped - replayed) / steps,
                    steps == 0 ? 0 : stepSeconds * 1000 / steps,
                    replays,
                    replays == 0 ? 0 : replayed / replays,
                    replays == 0 ? 0 : replaySeconds * 1000 / replays);
            double jit = Math.max(0, after.getOrDefault(JIT, 0.0) - before.getOrDefault(JIT, 0.0)) * 1000
                    / result.stored();
            for (var e : after.entrySet()) {
                if (e.getKey().equals(JIT)) {
                    continue; // inside its JVMs' figures: shown apart below
                }
                double spent = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
                double idle = (idleTo.getOrDefault(e.getKey(), 0.0) - idleFrom.getOrDefault(e.getKey(), 0.0))
                        / idleSeconds;
                double ms = Math.max(0, spent - idle * seconds) * 1000 / result.stored();
                perStage.put(e.getKey(), ms);
                total += ms;
                gross += spent * 1000 / result.stored();
                idleTotal += idle;
                System.out.printf(
                        "   %-26s %6.2f CPU-ms per check-in (%.2f with its idle %.0f CPU-ms/s)%n",
                        e.getKey(), ms, spent * 1000 / result.stored(), idle * 1000);
            }
            System.out.printf(
                    "   %-26s %6.2f CPU-ms per check-in (%.2f with the idle %.0f CPU-ms/s)%n",
                    "total", total, gross, idleTotal * 1000);
            System.out.printf(
                    "   %-26s %6.2f CPU-ms per check-in (in the JVMs' figures above; %.2f without it)%n",
                    "of it the JIT compiling", jit, total - jit);
            seen.addAll(perStage.keySet());
            table.add(new Row(
                    String.format(
                            "| %s | %d | %.0f | %.2f (%.2f) | %.2f |",
                            workload.name(),
                            rate,
                            result.rate(),
                            total,
                            gross,
                            jit),
                    perStage,
                    String.format(
                            " %d / %d ms | %.0f %% |",
                            Freshness.pct(result.freshness(), 50),
                            Freshness.pct(result.freshness(), 99),
                            stepped + recomputed == 0 ? 0 : 100 * stepped / (stepped + recomputed))));
            measured.add(new Measured(
                    rate,
                    result.stored(),
                    Freshness.PROBE_REQUESTS.get() - probesBefore,
                    perStage.getOrDefault(ANALYTICS, 0.0) + perStage.getOrDefault(ANALYTICS_DB, 0.0)));
            last = habits;
        }
        probesTakenOut(launcher, state, ticks, analyticsUrl, last);
        System.out.println();
        System.out.println("| workload | offered /s | achieved /s | CPU-ms per check-in (with idle) | of it the JIT | "
                + String.join(" | ", columns())
                + " | freshness p50 / p99 | stepped |");
        System.out.println("|---|---|---|---|---|" + "---|".repeat(columns().size()) + "---|---|");
        for (var row : table) {
            var out = new StringBuilder(row.head());
            for (String stage : columns()) {
                out.append(String.format(" %.2f |", row.stages().getOrDefault(stage, 0.0)));
            }
            System.out.println(out.append(row.tail()));
        }
        System.exit(0);
    }

    static final String ANALYTICS = "analytics-service";

    static final String ANALYTICS_DB = "postgresql: warehouse (analytics)";

    /** A rate's check-ins stored, the freshness probes' requests, analytics with its backends per check-in. */
    record Measured(int rate, long stored, long probes, double analyticsMs) {}

    static final List<Measured> measured = new ArrayList<>();

    static List<Freshness.Habit> last = List.of();

    /**
     * The freshness probes are read load that the figures above charge to the check-ins: each is a GET
     * /dashboard/analytics that analytics-service answers from its warehouse. Measured on its own on the idle
     * stack (the same request, {@value #PROBE_RATE}/s for {@value #PROBE_SECONDS} s, the last rate's members, the
     * idle rate taken out), then taken out of analytics-service's figure with its backends, per rate.
     */
    static void probesTakenOut(long launcher, String state, int ticks, String analyticsUrl, List<Freshness.Habit> habits)
            throws Exception {
        if (habits.isEmpty()) {
            return;
        }
        var idleFrom = cpu(launcher, state, ticks);
        long idleStart = System.nanoTime();
        Thread.sleep(IDLE_SECONDS * 1000L);
        var idleTo = cpu(launcher, state, ticks);
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        var before = cpu(launcher, state, ticks);
        long started = System.nanoTime();
        int sent = 0;
        int ok = 0;
        while (System.nanoTime() - started < PROBE_SECONDS * 1_000_000_000L) {
            var h = habits.get((sent * 7) % habits.size());
            var r = Freshness.HTTP.send(
                    Freshness.request(analyticsUrl + "/dashboard/analytics/" + h.member(), h.token())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            ok += r.statusCode() == 200 ? 1 : 0;
            sent++;
            long next = started + sent * 1_000_000_000L / PROBE_RATE;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        var after = cpu(launcher, state, ticks);
        double perRequest = 0;
        for (String stage : List.of(ANALYTICS, ANALYTICS_DB)) {
            double spent = after.getOrDefault(stage, 0.0) - before.getOrDefault(stage, 0.0);
            double idle = (idleTo.getOrDefault(stage, 0.0) - idleFrom.getOrDefault(stage, 0.0)) / idleSeconds;
            perRequest += Math.max(0, spent - idle * seconds) * 1000 / sent;
        }
        System.out.printf(
                "== a freshness probe on its own (%d GETs of /dashboard/analytics, %d answered 200, %.1f s):"
                        + " %.2f CPU-ms in analytics-service and its warehouse backends%n",
                sent, ok, seconds, perRequest);
        for (var m : measured) {
            double probes = (double) m.probes() / m.stored();
            System.out.printf(
                    "   at %d/s: %d probe requests (%.2f per check-in, %.2f CPU-ms); analytics with its backends"
                            + " %.2f CPU-ms per check-in, %.2f without the probes%n",
                    m.rate(),
                    m.probes(),
                    probes,
                    probes * perRequest,
                    m.analyticsMs(),
                    m.analyticsMs() - probes * perRequest);
        }
    }

    static final int PROBE_RATE = 50;

    static final int PROBE_SECONDS = 20;

    /** The stages seen so far. */
    static java.util.Set<String> seen;

    /**
     * The table's columns: the processes in {@link #STAGES}' order, then the PostgreSQL backends by name (a run sees
     * them in whatever order they first used CPU: two runs' tables would not line up).
     */
    static List<String> columns() {
        var out = new ArrayList<>(STAGES.stream().filter(seen::contains).toList());
        seen.stream().filter(s -> !STAGES.contains(s)).sorted().forEach(out::add);
        return List.copyOf(out);
    }

    /** One rate's row of the table. */
    record Row(String head, Map<String, Double> stages, String tail) {}

    static int pgPort;

    /** Each PostgreSQL backend's pid, by whom it serves: its database (and in the warehouse, sync's loader apart). */
    static Map<Long, String> backends() {
        var out = new java.util.HashMap<Long, String>();
        try (var c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
                var rs = c.createStatement()
                        .executeQuery("select pid, datname, application_name from pg_stat_activity"
                                + " where datname is not null")) {
            while (rs.next()) {
                String db = rs.getString(2).replace("goalcoach_", "");
                String who = db.equals("warehouse")
                        ? (rs.getString(3).contains("sync") ? "warehouse (sync)" : "warehouse (analytics)")
                        : db;
                out.put(rs.getLong(1), "postgresql: " + who);
            }
        } catch (java.sql.SQLException e) {
            System.out.println("pg_stat_activity not read: " + e.getMessage());
        }
        return out;
    }

    /** How long the stack is watched idle before each rate. */
    static final int IDLE_SECONDS = 20;

    static final List<String> STAGES = List.of(
            "goal-service",
            "relay (in goal-service)",
            "broker (launcher)",
            "sync-service",
            "analytics-service",
            "coach-service",
            "mentor-service",
            "member-service",
            "postgresql: server");

    /**
     * CPU seconds so far of each stage of the stack under the launcher, and of the PostgreSQL server whose data lies
     * in the stack's state directory (its server detaches from the launcher: found by its command line).
     */
    static Map<String, Double> cpu(long launcher, String state, int ticks) throws Exception {
        var out = new LinkedHashMap<String, Double>();
        STAGES.forEach(s -> out.put(s, 0.0));
        var backends = backends();
        var pids = new ArrayList<Long>();
        pids.add(launcher);
        ProcessHandle.of(launcher).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(" -D " + state))
                .forEach(server -> {
                    pids.add(server.pid());
                    server.descendants().forEach(d -> pids.add(d.pid()));
                });
        for (long pid : pids) {
            String cmd;
            long[] stat;
            try {
                cmd = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                stat = stat(Path.of("/proc/" + pid + "/stat"));
            } catch (Exception gone) {
                continue;
            }
            double own = (stat[0] + stat[1]) / (double) ticks;
            String stage = stageOf(pid == launcher, cmd);
            if (stage == null) {
                continue;
            }
            if (stage.equals("postgresql")) {
                if (cmd.contains(" -D")) {
                    // the server: its exited backends are in its children's times (it waits for them)
                    own += (stat[2] + stat[3]) / (double) ticks;
                }
                stage = backends.getOrDefault(pid, "postgresql: server");
            }
            if (!stage.equals("postgresql")) {
                out.merge(JIT, compiling(pid, ticks), Double::sum);
            }
            if (stage.equals("goal-service")) {
                double relay = 0;
                try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                    for (var task : tasks.toList()) {
                        String name = Files.readString(task.resolve("comm")).strip();
                        if (name.equals("outbox-relay") || name.startsWith("kafka-producer")) {
                            long[] t = stat(task.resolve("stat"));
                            relay += (t[0] + t[1]) / (double) ticks;
                        }
                    }
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
                out.merge("relay (in goal-service)", relay, Double::sum);
                own -= relay;
            }
            out.merge(stage, own, Double::sum);
        }
        return out;
    }

    /**
     * Not a stage: the CPU time of every JVM's JIT compiler threads (C1 and C2), which their stages' figures hold.
     * After a start the C2 compiler works through the hot path's methods (about 2,800 at its top tier in
     * goal-service alone) over the first tens of thousands of check-ins; this says how much of a rate's figure that
     * still is.
     */
    static final String JIT = "the JIT";

    /** CPU seconds of a JVM's JIT compiler threads so far. */
    static double compiling(long pid, int ticks) {
        double out = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (var task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).strip();
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    long[] t = stat(task.resolve("stat"));
                    out += (t[0] + t[1]) / (double) ticks;
                }
            }
        } catch (Exception gone) {
            // the process or a thread ended meanwhile
        }
        return out;
    }

    static String stageOf(boolean launcher, String cmd) {
        if (launcher) {
            return "broker (launcher)";
        }
        for (String s : List.of(
                "goal-service", "sync-service", "analytics-service", "coach-service", "mentor-service",
                "member-service")) {
            if (cmd.contains("/" + s + "/target/")) {
                return s;
            }
        }
        return cmd.contains("postgres") ? "postgresql" : null;
    }

    /** utime, stime, cutime, cstime of a /proc stat file (in clock ticks). */
    static long[] stat(Path file) throws Exception {
        String s = Files.readString(file);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        // fields from the state (3rd): utime is the 14th, so index 11 here
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    /**
     * Waits until the pipeline is idle: sync-service's consumer lag at zero and analytics-service's recomputation
     * count still for two seconds (at most two minutes).
     */
    static void drain(String syncUrl, String analyticsUrl) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        double lastRefreshes = -1;
        int still = 0;
        while (System.nanoTime() < deadline && still < 4) {
            double lag = metric(syncUrl, "goalcoach_sync_consumer_lag");
            double refreshes = metric(analyticsUrl, "goalcoach_analytics_refresh_seconds_count");
            still = lag == 0 && refreshes == lastRefreshes ? still + 1 : 0;
            lastRefreshes = refreshes;
            Thread.sleep(500);
        }
    }

    /** The sum of a metric's series at a service's /q/metrics. */
    static double metric(String base, String name) throws Exception {
        var body = Freshness.HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        // a name with one label ({how="stepped"}): the series of that metric with that label
        int brace = name.indexOf('{');
        String metric = brace < 0 ? name : name.substring(0, brace);
        String label = brace < 0 ? null : name.substring(brace + 1, name.length() - 1);
        double sum = 0;
        for (String line : body.split("\n")) {
            if (label != null ? line.startsWith(metric + "{") && line.contains(label)
                    : line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
