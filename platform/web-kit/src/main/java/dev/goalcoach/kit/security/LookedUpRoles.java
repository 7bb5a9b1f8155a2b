package dev.goalcoach.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * {@link CurrentRoles} from a blocking look-up (the warehouse's member dimension), on a worker thread, each answer
 * remembered for {@code remember} so that a mentor's dashboard does not query the warehouse on every request. When
 * the look-up fails (the warehouse is down) the token's role stands: the check tightens a valid token, it does not
 * take an outage to every admin (the sync status is what an admin reads then).
 */
public abstract class LookedUpRoles implements CurrentRoles {

    private static final Logger LOG = Logger.getLogger(LookedUpRoles.class);

    private final Cache<UUID, Optional<String>> recent;

    /** Remembers answers for {@code goalcoach.security.current-role-cache} ({@code GOALCOACH_CURRENT_ROLE_CACHE}). */
    protected LookedUpRoles() {
        this(ConfigProvider.getConfig().getValue("goalcoach.security.current-role-cache", Duration.class));
    }

    protected LookedUpRoles(Duration remember) {
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(remember)
                .maximumSize(10_000)
                .build();
    }

    /** The member's role now, empty when unknown. Blocking. */
    protected abstract Optional<String> lookUp(UUID memberId) throws Exception;

    @Override
    public Uni<Optional<String>> of(UUID memberId, AuthenticationRequestContext context) {
        Optional<String> known = recent.getIfPresent(memberId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return Uni.createFrom()
                .item(() -> {
                    try {
                        var role = lookUp(memberId);
                        recent.put(memberId, role);
                        return role;
                    } catch (Exception e) {
                        LOG.warnf(
                                "the current role of %s could not be read (%s): the token's stands",
                                memberId, e.toString());
                        return Optional.<String>empty();
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
