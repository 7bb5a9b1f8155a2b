package dev.goalcoach.kit.security;

import io.quarkus.security.UnauthorizedException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is asking: the member id from the token's subject and the one role it carries. */
public record Caller(UUID id, String role) {

    public static Caller of(JsonWebToken token) {
        if (token == null || token.getSubject() == null) {
            throw new UnauthorizedException();
        }
        UUID id;
        try {
            id = UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException();
        }
        var groups = token.getGroups();
        String role = groups.contains(Roles.ADMIN)
                ? Roles.ADMIN
                : groups.contains(Roles.MENTOR) ? Roles.MENTOR : groups.contains(Roles.MEMBER) ? Roles.MEMBER : null;
        if (role == null) {
            throw new UnauthorizedException();
        }
        return new Caller(id, role);
    }

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role);
    }

    public boolean isMentor() {
        return Roles.MENTOR.equals(role);
    }

    public boolean is(UUID memberId) {
        return id.equals(memberId);
    }
}
