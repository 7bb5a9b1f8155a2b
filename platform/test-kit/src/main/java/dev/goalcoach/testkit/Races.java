package dev.goalcoach.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two writers that read the same row and then write it, made to collide every time rather than now and then: a
 * transaction of the test's holds the row's lock, the calls start together, each reads (reads do not wait) and
 * then waits at its write until all of them wait there; then the lock goes, and they write one after the other on
 * what each had read. The lost-update race, on demand.
 */
public final class Races {

    /**
     * Runs {@code calls} at once against the application under test while {@code lockSql} (a {@code select … for
     * update} of the row they write) holds them, releases the row when {@code writers} sessions wait for a lock,
     * and answers the calls' results in order.
     */
    public static <T> List<T> collide(String lockSql, int writers, List<Callable<T>> calls) throws Exception {
        var pool = Executors.newFixedThreadPool(calls.size());
        try (var holder = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var watcher = PostgresResource.server().connect(PostgresResource.currentDatabase)) {
            holder.setAutoCommit(false);
            try (var s = holder.createStatement()) {
                s.execute(lockSql);
            }
            var futures = new ArrayList<Future<T>>();
            for (var call : calls) {
                futures.add(pool.submit(call));
            }
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Rows.count(
                                    watcher,
                                    "select count(*) from pg_stat_activity where datname = current_database()"
                                            + " and wait_event_type = 'Lock'")
                            >= writers);
            holder.commit();
            var results = new ArrayList<T>();
            for (var f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Races() {}
}
