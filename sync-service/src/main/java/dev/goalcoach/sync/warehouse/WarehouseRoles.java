package dev.goalcoach.sync.warehouse;

import dev.goalcoach.kit.security.LookedUpRoles;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.sync.config.SyncConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * An admin's role now, from the member dimension this service loads (MEMBER once erased): on a connection of its
 * own (the loader's is its thread's alone), opened on first use.
 */
@ApplicationScoped
public class WarehouseRoles extends LookedUpRoles {

    private final Warehouse warehouse;

    public WarehouseRoles(SyncConfig config) {
        this.warehouse = Warehouses.open(config.warehouse(), config.clientName() + "-roles");
    }

    @Override
    protected synchronized Optional<String> lookUp(UUID memberId) throws Exception {
        return warehouse.memberRoles(memberId).stream().filter(r -> r != null).reduce(Roles::lower);
    }

    @PreDestroy
    synchronized void close() {
        warehouse.close();
    }
}
