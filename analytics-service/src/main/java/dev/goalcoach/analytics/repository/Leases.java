package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.warehouse.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Work one replica does at a time, by a lease row in the warehouse's {@code analytics_leases} (schema version 9):
 * plain statements both warehouses run, where PostgreSQL's advisory locks have no Snowflake counterpart. A lease is
 * taken by one conditional update (free, expired, or already the taker's) and read back: the holder that reads its
 * own name holds it until it gives it back or it expires. Times are real time, not the business clock (a moved demo
 * clock must not hand the lease to another replica).
 */
@ApplicationScoped
public class Leases {

    private final Warehouse warehouse;

    public Leases(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Takes lease {@code name} for {@code holder} until {@code now + ttl} when no one else holds it now. */
    public boolean take(String name, String holder, Instant now, Duration ttl) throws SQLException {
        var d = warehouse.dialect();
        var sql = warehouse.sql();
        try (Connection c = warehouse.connection()) {
            int updated;
            try (var ps = c.prepareStatement(sql.leaseTake)) {
                d.bind(ps, 1, Table.Type.TEXT, holder);
                d.bind(ps, 2, Table.Type.TIMESTAMP, now.plus(ttl));
                d.bind(ps, 3, Table.Type.TEXT, name);
                d.bind(ps, 4, Table.Type.TEXT, holder);
                d.bind(ps, 5, Table.Type.TIMESTAMP, now);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                return false;
            }
            // read back: of two takers at once, the one whose update the warehouse applied last holds it
            try (var ps = c.prepareStatement(sql.leaseHolder)) {
                d.bind(ps, 1, Table.Type.TEXT, name);
                try (var rs = ps.executeQuery()) {
                    return rs.next() && holder.equals(rs.getString(1));
                }
            }
        }
    }

    /** Gives lease {@code name} back, if {@code holder} still holds it. */
    public void giveBack(String name, String holder) throws SQLException {
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().leaseGiveBack)) {
            d.bind(ps, 1, Table.Type.TEXT, name);
            d.bind(ps, 2, Table.Type.TEXT, holder);
            ps.executeUpdate();
        }
    }
}
