package dev.goalcoach.kit.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Admin and mentor powers follow the member's role now, not the one in the token: a demoted admin or mentor
 * loses them before their token expires (as soon as this service's {@link CurrentRoles} knows). The token's
 * role is lowered to the current one, never raised (a promotion takes a new token). Member tokens need no
 * look-up. The lowered role is what {@code @RolesAllowed} checks and what {@link Caller#of} reads.
 */
@ApplicationScoped
public class CurrentRoleAugmentor implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(CurrentRoleAugmentor.class);

    private final Instance<CurrentRoles> sources;

    public CurrentRoleAugmentor(Instance<CurrentRoles> sources) {
        this.sources = sources;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken token)
                || !sources.isResolvable()) {
            return Uni.createFrom().item(identity);
        }
        String claimed = Roles.highest(identity.getRoles());
        UUID id = subject(token);
        if (claimed == null || Roles.MEMBER.equals(claimed) || id == null) {
            return Uni.createFrom().item(identity);
        }
        return sources.get().of(id, context).map(current -> {
            if (current.isEmpty()) {
                return identity;
            }
            String effective = Roles.lower(claimed, current.get());
            if (effective.equals(claimed)) {
                return identity;
            }
            LOG.infof(
                    "member %s presents a %s token but is %s now: treated as %s",
                    id, claimed, current.get(), effective);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new WithRole(token, effective))
                    .addRole(effective)
                    .addCredentials(identity.getCredentials())
                    .addAttributes(identity.getAttributes())
                    .build();
        });
    }

    private static UUID subject(JsonWebToken token) {
        try {
            return token.getSubject() == null ? null : UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The verified token, its {@code groups} claim replaced by the role the member has now. */
    private record WithRole(JsonWebToken token, String role) implements JsonWebToken {

        @Override
        public String getName() {
            return token.getName();
        }

        @Override
        public Set<String> getClaimNames() {
            return token.getClaimNames();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return "groups".equals(claimName) ? (T) Set.of(role) : token.getClaim(claimName);
        }

        @Override
        public Set<String> getGroups() {
            return Set.of(role);
        }
    }
}
