package dev.goalcoach.analytics.repository;

import dev.goalcoach.kit.security.LookedUpRoles;
import dev.goalcoach.kit.security.Roles;
import io.agroal.api.AgroalDataSource;
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

    /** The member's role, and MEMBER for an erased member (whose dimension row is gone). */
    private static final String ROLE = "select role from dim_members where member_id = ?"
            + " union all select 'MEMBER' from sync_erased_members where member_id = ?";

    private final AgroalDataSource dataSource;

    public WarehouseRoles(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected Optional<String> lookUp(UUID memberId) throws Exception {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement(ROLE)) {
            ps.setObject(1, memberId);
            ps.setObject(2, memberId);
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
