package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.client.MemberSignIn;
import dev.goalcoach.mentor.repository.AppSessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The dashboard client's sessions. Signing in asks member-service (the same sign-in as the API's, with its limits);
 * a mentor's token is kept server-side, and the browser holds only a random value (its SHA-256 is the key), in an
 * HttpOnly, SameSite=Strict cookie. Every form of a session carries its CSRF token, compared in constant time. A
 * session ends when its token expires, or at sign-out. Only mentors sign in here.
 */
@ApplicationScoped
public class AppSessions {

    /** The longest a session lasts, whatever its token says. */
    static final Duration LONGEST = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in session: its key, who (from the verified token), the token to relay, its CSRF token. */
    public record Session(String idHash, Caller caller, String authorization, String csrf) {

        public boolean csrfMatches(String sent) {
            return sent != null
                    && MessageDigest.isEqual(
                            csrf.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** How a sign-in went: a new session's cookie value and expiry, or why not. */
    public record SignIn(Outcome outcome, String cookie, Instant expiresAt) {}

    public enum Outcome {
        SIGNED_IN,
        WRONG,
        NOT_A_MENTOR
    }

    private final AppSessionRepository sessions;
    private final MemberSignIn memberService;
    private final JWTParser tokens;
    private final Vertx vertx;

    /**
     * Real time, not the business clock: a session lasts as long as its token, whose expiry is real time (a business
     * clock moved ahead in a demo must not end every session at once).
     */
    private final Clock clock = Clock.systemUTC();

    public AppSessions(AppSessionRepository sessions, MemberSignIn memberService, JWTParser tokens, Vertx vertx) {
        this.sessions = sessions;
        this.memberService = memberService;
        this.tokens = tokens;
        this.vertx = vertx;
    }

    /** A fresh random value for a cookie or a CSRF token: 32 bytes, base64url. */
    public static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The session whose cookie is {@code cookie}, while it and its token last. */
    public Uni<Optional<Session>> of(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Uni.createFrom().item(Optional.empty());
        }
        String idHash = hash(cookie);
        return Panache.withSession(() -> sessions.find(idHash, clock.instant()))
                .map(found -> found.flatMap(s -> verified(s.token())
                        .map(caller -> new Session(idHash, caller, "Bearer " + s.token(), s.csrf()))));
    }

    /** Signs a mentor in at member-service and opens a session; {@code address}: the browser's. */
    public Uni<SignIn> signIn(String email, String password, String address) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> memberService.signIn(email, password, address)))
                .chain(token -> {
                    if (token.isEmpty()) {
                        return Uni.createFrom().item(new SignIn(Outcome.WRONG, null, null));
                    }
                    var caller = verified(token.get());
                    if (caller.isEmpty() || !caller.get().isMentor()) {
                        return Uni.createFrom().item(new SignIn(Outcome.NOT_A_MENTOR, null, null));
                    }
                    Instant now = clock.instant();
                    Instant expires = expiry(token.get(), now);
                    String cookie = randomValue();
                    var stored =
                            new AppSessionRepository.Stored(caller.get().id(), token.get(), randomValue(), expires);
                    return Panache.withTransaction(() ->
                                    sessions.deleteExpired(now).chain(() -> sessions.save(hash(cookie), stored, now)))
                            .replaceWith(new SignIn(Outcome.SIGNED_IN, cookie, expires));
                });
    }

    public Uni<Void> signOut(Session session) {
        return Panache.withTransaction(() -> sessions.delete(session.idHash()));
    }

    private Optional<Caller> verified(String token) {
        try {
            return Optional.of(Caller.of(tokens.parse(token)));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Instant expiry(String token, Instant now) {
        Instant longest = now.plus(LONGEST);
        try {
            long exp = tokens.parse(token).getExpirationTime();
            Instant at = Instant.ofEpochSecond(exp);
            return exp > 0 && at.isBefore(longest) ? at : longest;
        } catch (ParseException e) {
            return now;
        }
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
