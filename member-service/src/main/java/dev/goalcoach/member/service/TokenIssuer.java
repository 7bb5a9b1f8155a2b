package dev.goalcoach.member.service;

import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.member.Member;
import dev.goalcoach.member.config.MemberConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Signs RS256 access tokens: subject = member id, groups = role. No email or name: a token is not a profile. */
@ApplicationScoped
public class TokenIssuer {

    /** The OAuth2 token answer. */
    public record IssuedToken(String token, long expiresInSeconds) {}

    private final MemberConfig config;

    public TokenIssuer(MemberConfig config) {
        this.config = config;
    }

    public IssuedToken issue(Member member) {
        long ttl = config.tokenTtl().toSeconds();
        String token = Jwt.issuer(config.tokenIssuer())
                .audience(config.tokenAudience())
                .subject(member.id.toString())
                .groups(Set.of(member.role.name()))
                .expiresIn(ttl)
                .sign();
        return new IssuedToken(token, ttl);
    }

    /** A token of the suite's service {@code clientId}: subject = client id, role {@code SERVICE}. */
    public IssuedToken issueService(String clientId) {
        long ttl = config.serviceTokenTtl().toSeconds();
        String token = Jwt.issuer(config.tokenIssuer())
                .audience(config.tokenAudience())
                .subject(clientId)
                .groups(Set.of(Roles.SERVICE))
                .expiresIn(ttl)
                .sign();
        return new IssuedToken(token, ttl);
    }
}
