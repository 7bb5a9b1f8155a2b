package dev.goalcoach.analytics.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Session-level PostgreSQL advisory locks: work one replica does at a time. */
@ApplicationScoped
public class AdvisoryLocks {

    /** A lock held on a connection of its own; closing releases the lock and the connection. */
    public interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public AdvisoryLocks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock of {@code key} when no one else holds it; empty when another session does. */
    public Optional<Held> tryLock(long key) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!call(c, "pg_try_advisory_lock", key)) {
                c.close();
                return Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return Optional.of(() -> {
            try (c) {
                call(c, "pg_advisory_unlock", key);
            }
        });
    }

    private static boolean call(Connection c, String function, long key) throws SQLException {
        try (var ps = c.prepareStatement("select " + function + "(?)")) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
