package dev.goalcoach.kit.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a service learns what a member's role is now (a token says what it was when issued, up to its lifetime
 * ago). member-service reads its own store; goal- and coach-service their member directory; analytics and sync
 * the warehouse's member dimension. {@link CurrentRoleAugmentor} asks it for admin and mentor tokens only.
 */
public interface CurrentRoles {

    /**
     * The member's role now: {@link Roles#MEMBER} for an erased member; empty when this service does not know the
     * member (its projection may not have them yet: the token's role then stands). Blocking work goes through
     * {@code context.runBlocking}.
     */
    Uni<Optional<String>> of(UUID memberId, AuthenticationRequestContext context);
}
