package dev.goalcoach.testkit;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens shaped like member-service's, for callers of every role, and the broken kinds a service must refuse.
 * Issued and expiring on the real clock, as security timestamps are, whatever the business clock says.
 */
public final class TestTokens {

    public static String member(UUID id) {
        return sign(
                id,
                "MEMBER",
                Instant.now().plus(Duration.ofHours(1)),
                JwtKeys.trusted().getPrivate());
    }

    public static String mentor(UUID id) {
        return sign(
                id,
                "MENTOR",
                Instant.now().plus(Duration.ofHours(1)),
                JwtKeys.trusted().getPrivate());
    }

    public static String admin(UUID id) {
        return sign(
                id,
                "ADMIN",
                Instant.now().plus(Duration.ofHours(1)),
                JwtKeys.trusted().getPrivate());
    }

    /** A service client's token as member-service issues it for client credentials: subject = client id. */
    public static String service(String clientId) {
        return Jwt.issuer(JwtKeys.ISSUER)
                .audience(JwtKeys.AUDIENCE)
                .subject(clientId)
                .groups(Set.of("SERVICE"))
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(JwtKeys.kid(JwtKeys.trusted().getPublic()))
                .sign(JwtKeys.trusted().getPrivate());
    }

    /** A token of {@code role} signed by the trusted key that runs out at {@code expires}. */
    public static String until(UUID id, String role, Instant expires) {
        return sign(id, role, expires, JwtKeys.trusted().getPrivate());
    }

    /** Signed by the trusted key, but it ran out an hour ago. */
    public static String expired(UUID id) {
        return sign(
                id,
                "MEMBER",
                Instant.now().minus(Duration.ofHours(1)),
                JwtKeys.trusted().getPrivate());
    }

    /**
     * Well-formed and unexpired, but signed by a key no service trusts (with that key's id, as member-service would
     * stamp it after a rotation to it).
     */
    public static String signedByAnotherKey(UUID id, String role) {
        return sign(
                id,
                role,
                Instant.now().plus(Duration.ofHours(1)),
                JwtKeys.stranger().getPrivate());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A member's token for another audience (signed by the right key): refused everywhere. */
    public static String forAnotherAudience(UUID id) {
        return Jwt.issuer(JwtKeys.ISSUER)
                .audience("another-suite")
                .subject(id.toString())
                .groups(Set.of("MEMBER"))
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(JwtKeys.kid(JwtKeys.trusted().getPublic()))
                .sign(JwtKeys.trusted().getPrivate());
    }

    /** The right claims, {@code "alg": "none"} and no signature: an unsigned token must be refused. */
    public static String unsigned(UUID id, String role) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + base64(claims(id, role)) + ".";
    }

    /**
     * The right claims signed with HS256, the service's RSA public key (which anyone may hold) as the HMAC secret:
     * the algorithm-confusion forgery. Must be refused.
     */
    public static String hmacWithThePublicKey(UUID id, String role) {
        try {
            String signingInput = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims(id, role));
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            byte[] secret = Files.readAllBytes(JwtKeys.publicKeyFile());
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claims(UUID id, String role) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + JwtKeys.ISSUER + "\",\"aud\":\"" + JwtKeys.AUDIENCE + "\",\"sub\":\"" + id
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + (now - 60) + ",\"exp\":" + (now + 3600) + "}";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(UUID subject, String role, Instant expiresAt, PrivateKey key) {
        return Jwt.issuer(JwtKeys.ISSUER)
                .audience(JwtKeys.AUDIENCE)
                .subject(subject.toString())
                .groups(Set.of(role))
                .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(JwtKeys.kid(
                        key == JwtKeys.trusted().getPrivate()
                                ? JwtKeys.trusted().getPublic()
                                : JwtKeys.stranger().getPublic()))
                .sign(key);
    }

    private TestTokens() {}
}
