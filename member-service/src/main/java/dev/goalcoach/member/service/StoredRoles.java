package dev.goalcoach.member.service;

import dev.goalcoach.kit.security.CurrentRoles;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.member.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's role now, from member-service's own store: a demoted admin or mentor loses the powers at once, and an
 * erased member (no row) has none beyond a member's.
 */
@ApplicationScoped
public class StoredRoles implements CurrentRoles {

    private final MemberRepository members;

    public StoredRoles(MemberRepository members) {
        this.members = members;
    }

    @Override
    public Uni<Optional<String>> of(UUID memberId, AuthenticationRequestContext context) {
        return Panache.withSession(() -> members.findById(memberId))
                .map(m -> Optional.of(m == null ? Roles.MEMBER : m.role.name()));
    }
}
