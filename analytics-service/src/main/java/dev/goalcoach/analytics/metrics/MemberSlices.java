package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.PostgresDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

/**
 * Many members' work split into slices by the lock bucket a refresh or a step takes for them ({@link
 * MetricsEngine#bucketOf}), each slice worked in a transaction of its own on a connection of its own, at once: the
 * slices never wait for one another's locks, and a member is always whole within one slice. The buckets are
 * PostgreSQL's; one slice (Snowflake's) is just the members.
 */
public final class MemberSlices {

    /** Where the slices' connections come from (a pool, a test's server). */
    @FunctionalInterface
    public interface Connections {
        Connection get() throws SQLException;
    }

    /** The work of one slice: returns the members it did. */
    @FunctionalInterface
    public interface Work {
        List<UUID> apply(Connection c, List<UUID> slice) throws SQLException;
    }

    private static final String BUCKET_OF_M = new PostgresDialect().bucketOf("m", MetricsEngine.BUCKETS);

    /** Runs {@code work} over {@code members} in {@code slices} slices at once; returns the members done. */
    public static List<UUID> run(Connections connections, List<UUID> members, int slices, Work work)
            throws SQLException {
        int n = Math.max(1, Math.min(slices, members.size()));
        var bySlice = new ArrayList<List<UUID>>();
        for (int i = 0; i < n; i++) {
            bySlice.add(new ArrayList<>());
        }
        if (n == 1) {
            bySlice.get(0).addAll(members);
        } else {
            bucketed(connections, members, bySlice);
        }
        var done = new ArrayList<CompletableFuture<List<UUID>>>();
        var pool = Executors.newFixedThreadPool(n);
        try {
            for (var slice : bySlice) {
                done.add(CompletableFuture.supplyAsync(
                        () -> {
                            try (Connection c = connections.get()) {
                                return work.apply(c, slice);
                            } catch (SQLException e) {
                                throw new CompletionException(e);
                            }
                        },
                        pool));
            }
            var out = new ArrayList<UUID>();
            for (var slice : done) {
                out.addAll(slice.join());
            }
            return out;
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    /** Splits members by their lock bucket (PostgreSQL's: slices of more than one run only there). */
    private static void bucketed(Connections connections, List<UUID> members, List<List<UUID>> bySlice)
            throws SQLException {
        try (Connection c = connections.get();
                var ps = c.prepareStatement("select m, " + BUCKET_OF_M + " from unnest(cast(? as uuid[])) m")) {
            ps.setArray(1, c.createArrayOf("uuid", members.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    bySlice.get(rs.getInt(2) % bySlice.size()).add(rs.getObject(1, UUID.class));
                }
            }
        }
    }

    private MemberSlices() {}
}
