package dev.goalcoach.kit.members;

import dev.goalcoach.kit.security.CurrentRoles;
import io.quarkus.arc.DefaultBean;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's role now, from this service's member directory ({@code member.updated} keeps it current within
 * seconds). The default for services with a directory; member-service, the owner, reads its own store instead.
 */
@DefaultBean
@ApplicationScoped
public class DirectoryRoles implements CurrentRoles {

    private final MemberDirectory directory;

    public DirectoryRoles(MemberDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Uni<Optional<String>> of(UUID memberId, AuthenticationRequestContext context) {
        return directory.currentRole(memberId);
    }
}
