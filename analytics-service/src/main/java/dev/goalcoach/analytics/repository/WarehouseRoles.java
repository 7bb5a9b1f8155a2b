package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.kit.security.LookedUpRoles;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.warehouse.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's role now, from the warehouse's member dimension (the loader keeps it within seconds of member-service);
 * an erased member's is MEMBER.
 */
@ApplicationScoped
public class WarehouseRoles extends LookedUpRoles {

    private final Warehouse warehouse;

    public WarehouseRoles(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    protected Optional<String> lookUp(UUID memberId) throws Exception {
        var d = warehouse.dialect();
        // the member's role, and MEMBER for an erased member (whose dimension row is gone)
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().role)) {
            d.bind(ps, 1, Table.Type.UUID, memberId);
            d.bind(ps, 2, Table.Type.UUID, memberId);
            try (var rs = ps.executeQuery()) {
                Optional<String> role = Optional.empty();
                while (rs.next()) {
                    String found = rs.getString(1);
                    role = Optional.of(role.map(r -> Roles.lower(r, found)).orElse(found));
                }
                return role;
            }
        }
    }
}
