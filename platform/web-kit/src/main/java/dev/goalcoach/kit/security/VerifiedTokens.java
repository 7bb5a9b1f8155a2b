package dev.goalcoach.kit.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser every endpoint authenticates with: smallrye-jwt's own verification (signature, issuer,
 * expiry), done once per token and remembered until the token expires (at most {@code
 * goalcoach.jwt.verified-ttl}). A client sends the same token with every request until it runs out, and checking its
 * RS256 signature again each time was a third of the CPU of a cached read (bench/README.md, the roster).
 *
 * <p>Why this is as safe as verifying every time: a token is remembered under its whole text, signature included,
 * and only after it verified; a token differing in any character is a different key, verified from scratch. A
 * remembered token is answered only while {@code now < exp}, which the verifier would also accept (it allows clock
 * skew on top). Tokens cannot be revoked before they expire in GoalCoach, so nothing is missed by not asking again.
 * At most {@code goalcoach.jwt.verified-cache-size} tokens are kept (0: none); when full, expired ones are swept
 * (at most once a second) and new tokens are verified without being remembered until there is room.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private record Verified(JsonWebToken token, long untilMillis) {}

    private final JWTParser verifier;
    private final int capacity;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    @Inject
    public VerifiedTokens(
            DefaultJWTParser verifier,
            @ConfigProperty(name = "goalcoach.jwt.verified-cache-size", defaultValue = "2048") int capacity,
            @ConfigProperty(name = "goalcoach.jwt.verified-ttl", defaultValue = "5m") Duration ttl) {
        this(verifier, capacity, ttl, System::currentTimeMillis);
    }

    VerifiedTokens(JWTParser verifier, int capacity, Duration ttl, LongSupplier clock) {
        this.verifier = verifier;
        this.capacity = capacity;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String bearer) throws ParseException {
        long now = clock.getAsLong();
        var known = verified.get(bearer);
        if (known != null) {
            if (now < known.untilMillis()) {
                return known.token();
            }
            verified.remove(bearer, known);
        }
        var token = verifier.parse(bearer);
        remember(bearer, token, now);
        return token;
    }

    /** How many verified tokens are remembered now. */
    int size() {
        return verified.size();
    }

    private void remember(String bearer, JsonWebToken token, long now) {
        long expiresAt = token.getExpirationTime() * 1000;
        if (capacity <= 0 || expiresAt <= now) {
            return;
        }
        if (verified.size() >= capacity) {
            if (now - lastSweep < 1000) {
                return;
            }
            lastSweep = now;
            verified.values().removeIf(v -> v.untilMillis() <= now);
            if (verified.size() >= capacity) {
                return;
            }
        }
        verified.put(bearer, new Verified(token, Math.min(expiresAt, now + ttlMillis)));
    }

    // --- the rest of the parser, as smallrye-jwt does it (nothing else here authenticates requests)

    @Override
    public JsonWebToken parse(String bearer, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(bearer, context);
    }

    @Override
    public JsonWebToken verify(String bearer, PublicKey key) throws ParseException {
        return verifier.verify(bearer, key);
    }

    @Override
    public JsonWebToken verify(String bearer, SecretKey key) throws ParseException {
        return verifier.verify(bearer, key);
    }

    @Override
    public JsonWebToken verify(String bearer, String secret) throws ParseException {
        return verifier.verify(bearer, secret);
    }

    @Override
    public JsonWebToken decrypt(String bearer, PrivateKey key) throws ParseException {
        return verifier.decrypt(bearer, key);
    }

    @Override
    public JsonWebToken decrypt(String bearer, SecretKey key) throws ParseException {
        return verifier.decrypt(bearer, key);
    }

    @Override
    public JsonWebToken decrypt(String bearer, String secret) throws ParseException {
        return verifier.decrypt(bearer, secret);
    }

    @Override
    public JsonWebToken parseOnly(String bearer) throws ParseException {
        return verifier.parseOnly(bearer);
    }
}
