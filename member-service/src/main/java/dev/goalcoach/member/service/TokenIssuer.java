package dev.goalcoach.member.service;

import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.member.Member;
import dev.goalcoach.member.config.MemberConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs RS256 access tokens: subject = member id, groups = role, the signing key's id in the header. No email or
 * name: a token is not a profile.
 */
@ApplicationScoped
public class TokenIssuer {

    /** The OAuth2 token answer. */
    public record IssuedToken(String token, long expiresInSeconds) {}

    private final MemberConfig config;
    private final SigningKeys keys;

    public TokenIssuer(MemberConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    public IssuedToken issue(Member member) {
        long ttl = config.tokenTtl().toSeconds();
        String token = Jwt.issuer(config.tokenIssuer())
                .audience(config.tokenAudience())
                .subject(member.id.toString())
                .groups(Set.of(member.role.name()))
                .expiresIn(ttl)
                .jws()
                .keyId(keys.currentKeyId())
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
                .jws()
                .keyId(keys.currentKeyId())
                .sign();
        return new IssuedToken(token, ttl);
    }
}
