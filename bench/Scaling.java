import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * bench/scaling.sh (issue 20): the pipeline with its topics at N partitions and two replicas each of sync-service and
 * analytics-service. MEMBERS members x 3 daily habits log today and the six days before it, DONE, one day per round
 * (a habit's current streak grows by one each round: it may never be seen to shrink), at RATE per second, while
 * a watcher reads a sample of members' metrics from both analytics replicas in turn. Then: every check-in stored
 * is in the warehouse once (no loss, no duplicate), every member's streak reached 7 on both replicas, no read saw a
 * member's streak smaller than an earlier read had (from either replica), and each replica of each consumer did
 * part of the work (events loaded, batch notices' members brought up to date).
 */
public class Scaling {

    public static void main(String[] args) throws Exception {
        String membersUrl = args[0];
        String goalsUrl = args[1];
        String analytics1 = args[2];
        String analytics2 = args[3];
        String sync1 = args[4];
        String sync2 = args[5];
        int pgPort = Integer.parseInt(args[6]);
        int members = Integer.parseInt(args[7]);
        int rate = Integer.parseInt(args[8]);
        int partitions = Integer.parseInt(args[9]);

        var habits = Freshness.setUp(membersUrl, goalsUrl, "scale" + System.nanoTime(), members, 3);
        var tokens = new ConcurrentHashMap<String, String>();
        habits.forEach(h -> tokens.put(h.member(), h.token()));
        var sample = new ArrayList<>(tokens.keySet()).subList(0, Math.min(40, tokens.size()));

        // the watcher: each sampled member's member-level current streak, read from the replicas in turn
        var seen = new ConcurrentHashMap<String, Integer>();
        var reads = new AtomicInteger();
        var backwards = new AtomicInteger();
        var firstBackwards = new StringBuilder();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var watcher = new Thread(() -> {
            int turn = 0;
            while (!stop.get()) {
                for (String member : sample) {
                    String url = (turn++ % 2 == 0 ? analytics1 : analytics2) + "/dashboard/analytics/" + member;
                    try {
                        var r = Freshness.HTTP.send(
                                Freshness.request(url, tokens.get(member)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            continue;
                        }
                        JsonNode streak = Freshness.JSON.readTree(r.body()).path("streak");
                        if (streak.isMissingNode() || streak.isNull()) {
                            continue;
                        }
                        int now = streak.path("current").asInt();
                        reads.incrementAndGet();
                        Integer before = seen.put(member, Math.max(now, seen.getOrDefault(member, 0)));
                        if (before != null && now < before) {
                            if (backwards.incrementAndGet() == 1) {
                                firstBackwards.append(member + " at " + url + ": " + before + " then " + now);
                            }
                        }
                    } catch (Exception ignored) {
                        // a read that fails says nothing about order
                    }
                }
            }
        });
        watcher.start();

        var result = Freshness.drive(habits, goalsUrl, analytics1, rate, 0, 100, 64, 7, 8);

        // drained: every sampled member at 7 on both replicas, or a minute
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !(allAt(sample, tokens, analytics1, 7) && allAt(sample, tokens, analytics2, 7))) {
            Thread.sleep(250);
        }
        stop.set(true);
        watcher.join();

        long rows;
        long distinct;
        long atSeven;
        long membersWithMetrics;
        try (var c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + pgPort + "/goalcoach_warehouse", "postgres", "postgres");
                var s = c.createStatement()) {
            var rs = s.executeQuery("select count(*), count(distinct checkin_id) from fact_checkins");
            rs.next();
            rows = rs.getLong(1);
            distinct = rs.getLong(2);
            rs = s.executeQuery("select count(*), count(*) filter (where current_streak = 7) from metrics_streak"
                    + " where scope = 'member' and member_id in (select member_id from fact_checkins)");
            rs.next();
            membersWithMetrics = rs.getLong(1);
            atSeven = rs.getLong(2);
        }
        double events1 = metric(sync1, "goalcoach_sync_events_total");
        double events2 = metric(sync2, "goalcoach_sync_events_total");
        double batch1 = metric(analytics1, "goalcoach_analytics_batch_members_total");
        double batch2 = metric(analytics2, "goalcoach_analytics_batch_members_total");

        System.out.printf(
                "== %d partitions, 2 sync-service and 2 analytics-service replicas: %d check-ins stored (%.0f/s"
                        + " achieved), %d refused%n",
                partitions, result.stored(), result.rate(), result.refused());
        System.out.printf("warehouse: %d check-in rows, %d distinct (stored %d)%n", rows, distinct, result.stored());
        System.out.printf("members with metrics: %d of %d, at a 7-day streak: %d%n", membersWithMetrics, members, atSeven);
        System.out.printf(
                "reads of %d sampled members from both analytics replicas: %d, a streak seen smaller than before: %d%s%n",
                sample.size(), reads.get(), backwards.get(), backwards.get() == 0 ? "" : " (first: " + firstBackwards + ")");
        System.out.printf(
                "work divided: sync-service events loaded %.0f / %.0f; analytics batch members %.0f / %.0f%n",
                events1, events2, batch1, batch2);
        boolean ok = rows == result.stored() && distinct == rows && atSeven == members && backwards.get() == 0
                && events1 > 0 && events2 > 0 && batch1 > 0 && batch2 > 0;
        System.out.println(ok ? "SCALING OK" : "SCALING FAILED");
        System.exit(ok ? 0 : 1);
    }

    /** Whether every member's member-level current streak is {@code k} on this replica. */
    static boolean allAt(List<String> members, Map<String, String> tokens, String analytics, int k) throws Exception {
        for (String member : members) {
            var r = Freshness.HTTP.send(
                    Freshness.request(analytics + "/dashboard/analytics/" + member, tokens.get(member))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200
                    || Freshness.JSON.readTree(r.body()).path("streak").path("current").asInt() != k) {
                return false;
            }
        }
        return true;
    }

    /** The sum over every series of a counter at a service's /q/metrics. */
    static double metric(String service, String name) throws Exception {
        var body = Freshness.HTTP.send(
                        HttpRequest.newBuilder(URI.create(service + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }
}
