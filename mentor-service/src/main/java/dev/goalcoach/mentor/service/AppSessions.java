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
import org.jboss.logging.Logger;

/**
 * The dashboard client's sessions. Signing in asks member-service (the same sign-in as the API's, with its limits);
 * a mentor's tokens are kept server-side, and the browser holds only a random value (its SHA-256 is the key), in an
 * HttpOnly, SameSite=Strict cookie. Every form of a session carries its CSRF token, compared in constant time. The
 * short access token is renewed with member-service's refresh token as it runs out; a session ends after 12 hours,
 * at sign-out (here and at member-service), or when member-service stops renewing it (the mentor signed out
 * everywhere, changed their password). Only mentors sign in here.
 */
@ApplicationScoped
public class AppSessions {

    private static final Logger LOG = Logger.getLogger(AppSessions.class);

    /** The longest a session lasts, whatever its tokens say. */
    static final Duration LONGEST = Duration.ofHours(12);

    /** An access token this close to its expiry is renewed before the request that found it. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

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

    /**
     * The session whose cookie is {@code cookie}, while it lasts. Its access token is renewed with its refresh token
     * when it is about to run out ({@link #renewed}); a session member-service no longer renews (signed out
     * everywhere, its password changed) ends.
     */
    public Uni<Optional<Session>> of(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Uni.createFrom().item(Optional.empty());
        }
        String idHash = hash(cookie);
        Instant now = clock.instant();
        return Panache.withSession(() -> sessions.find(idHash, now)).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Session>empty());
            }
            var s = found.get();
            var fresh = fresh(idHash, s.token(), s.csrf(), now);
            return fresh.isPresent() ? Uni.createFrom().item(fresh) : renewed(idHash);
        });
    }

    /**
     * Renews the session's access token under a lock on its row: of two requests that find it stale at once, the
     * second sees the first's new token, so a refresh token is never used twice (which member-service would take
     * for a thief's copy, ending the session). Refused: the session ends; member-service away: not now.
     */
    private Uni<Optional<Session>> renewed(String idHash) {
        return Panache.withTransaction(() -> sessions.lock(idHash, clock.instant())
                        .chain(found -> {
                            if (found.isEmpty()) {
                                return Uni.createFrom().item(Optional.<Session>empty());
                            }
                            var s = found.get();
                            var fresh = fresh(idHash, s.token(), s.csrf(), clock.instant());
                            if (fresh.isPresent()) {
                                return Uni.createFrom().item(fresh); // renewed by the request before this one
                            }
                            if (s.refresh() == null) {
                                return sessions.delete(idHash).replaceWith(Optional.<Session>empty());
                            }
                            return vertx.executeBlocking(
                                            Uni.createFrom().item(() -> memberService.refresh(s.refresh())))
                                    .chain(renewal -> {
                                        if (renewal.isEmpty()
                                                || verified(renewal.get().access())
                                                        .isEmpty()) {
                                            return sessions.delete(idHash).replaceWith(Optional.<Session>empty());
                                        }
                                        var t = renewal.get();
                                        return sessions.renew(idHash, t.access(), t.refresh())
                                                .replaceWith(session(idHash, t.access(), s.csrf()));
                                    });
                        }))
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("a dashboard session could not be renewed now (%s): signed out for this request", e);
                    return Optional.empty();
                });
    }

    /**
     * The session, if its token verifies and is valid for a while yet (a request relayed with it must not meet its
     * expiry); empty otherwise. One verification of the token per request.
     */
    private Optional<Session> fresh(String idHash, String token, String csrf, Instant now) {
        try {
            var jwt = tokens.parse(token);
            if (!Instant.ofEpochSecond(jwt.getExpirationTime()).isAfter(now.plus(RENEW_BEFORE))) {
                return Optional.empty();
            }
            return Optional.of(new Session(idHash, Caller.of(jwt), "Bearer " + token, csrf));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Session> session(String idHash, String token, String csrf) {
        return verified(token).map(caller -> new Session(idHash, caller, "Bearer " + token, csrf));
    }

    /** Signs a mentor in at member-service and opens a session; {@code address}: the browser's. */
    public Uni<SignIn> signIn(String email, String password, String address) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> memberService.signIn(email, password, address)))
                .chain(signedIn -> {
                    if (signedIn.isEmpty()) {
                        return Uni.createFrom().item(new SignIn(Outcome.WRONG, null, null));
                    }
                    var t = signedIn.get();
                    var caller = verified(t.access());
                    if (caller.isEmpty() || !caller.get().isMentor()) {
                        if (t.refresh() != null) {
                            memberService.signOut(t.refresh()); // no session here: none at member-service either
                        }
                        return Uni.createFrom().item(new SignIn(Outcome.NOT_A_MENTOR, null, null));
                    }
                    Instant now = clock.instant();
                    // renewable: the session lasts its longest; otherwise as long as its one token
                    Instant expires = t.refresh() != null ? now.plus(LONGEST) : expiry(t.access(), now);
                    String cookie = randomValue();
                    var stored = new AppSessionRepository.Stored(
                            caller.get().id(), t.access(), t.refresh(), randomValue(), expires);
                    return Panache.withTransaction(() ->
                                    sessions.deleteExpired(now).chain(() -> sessions.save(hash(cookie), stored, now)))
                            .replaceWith(new SignIn(Outcome.SIGNED_IN, cookie, expires));
                });
    }

    /** Ends the session here and at member-service (its refresh token's family). */
    public Uni<Void> signOut(Session session) {
        return Panache.withTransaction(() ->
                        sessions.lock(session.idHash(), clock.instant()).call(() -> sessions.delete(session.idHash())))
                .chain(found -> found.isEmpty() || found.get().refresh() == null
                        ? Uni.createFrom().voidItem()
                        : vertx.executeBlocking(Uni.createFrom().item(() -> {
                                    memberService.signOut(found.get().refresh());
                                    return null;
                                }))
                                .replaceWithVoid());
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
