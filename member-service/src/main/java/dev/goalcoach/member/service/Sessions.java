package dev.goalcoach.member.service;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.member.Member;
import dev.goalcoach.member.config.MemberConfig;
import dev.goalcoach.member.repository.MemberRepository;
import dev.goalcoach.member.repository.RefreshTokenRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sign-in sessions: a short access token (JWT, verified by every service on its own) and a refresh token kept here
 * (hashed), rotated at every use. A sign-in starts a family of refresh tokens; a refresh answers a new pair and
 * retires the token it used; a retired token used again — a copy in someone else's hands, or its owner after a
 * thief — revokes the whole family. Logout revokes the family, "sign out everywhere" (and a password change or
 * reset, and an admin) every family of the member. An access token already issued lives until it expires
 * ({@code token-ttl}, minutes): the services do not call here on each request.
 */
@ApplicationScoped
public class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class);

    /** An access token with the refresh token that renews it. */
    public record Pair(TokenIssuer.IssuedToken access, String refreshToken, long refreshExpiresInSeconds) {}

    private final RefreshTokenRepository refreshTokens;
    private final MemberRepository members;
    private final TokenIssuer tokens;
    private final MemberConfig config;

    /**
     * Real time, not the business clock: a refresh token's life is counted like its access token's, whose expiry
     * is real time (a business clock moved ahead in a demo must not end every session at once).
     */
    private final Clock clock = Clock.systemUTC();

    public Sessions(
            RefreshTokenRepository refreshTokens, MemberRepository members, TokenIssuer tokens, MemberConfig config) {
        this.refreshTokens = refreshTokens;
        this.members = members;
        this.tokens = tokens;
        this.config = config;
    }

    /** A new session for {@code member}: a new family. */
    public Uni<Pair> start(Member member) {
        return Panache.withTransaction(() -> issue(member, UUID.randomUUID()));
    }

    private enum Refused {
        UNKNOWN,
        EXPIRED,
        REVOKED,
        REUSED
    }

    private record Refresh(Pair pair, Refused refused) {}

    /**
     * A new pair for a refresh token; 401 when it is unknown, expired or revoked, and when it was used before, in
     * which case its family is revoked first (that revocation commits; the answer is the same 401).
     */
    public Uni<Pair> refresh(String refreshToken) {
        if (!Secrets.plausible(refreshToken)) {
            return Uni.createFrom().failure(invalid());
        }
        String hash = Secrets.hash(refreshToken);
        return Panache.withTransaction(() -> refreshTokens.lock(hash).chain(found -> {
                    Instant now = clock.instant();
                    if (found.isEmpty()) {
                        return refused(Refused.UNKNOWN);
                    }
                    var t = found.get();
                    if (t.revokedAt() != null) {
                        return refused(Refused.REVOKED);
                    }
                    if (t.usedAt() != null) {
                        LOG.warnf(
                                "a used refresh token came back: family %s of member %s revoked",
                                t.familyId(), t.memberId());
                        return refreshTokens.revokeFamily(t.familyId(), now).chain(n -> refused(Refused.REUSED));
                    }
                    if (!t.expiresAt().isAfter(now)) {
                        return refused(Refused.EXPIRED);
                    }
                    return members.findById(t.memberId()).chain(m -> {
                        if (m == null) {
                            return refused(Refused.UNKNOWN);
                        }
                        return refreshTokens
                                .markUsed(hash, now)
                                .chain(() -> issue(m, t.familyId()))
                                .map(pair -> new Refresh(pair, null));
                    });
                }))
                .map(r -> {
                    if (r.refused() != null) {
                        throw invalid();
                    }
                    return r.pair();
                });
    }

    /** Ends the session the refresh token belongs to (its family). Unknown or spent tokens change nothing. */
    public Uni<Void> logout(String refreshToken) {
        if (!Secrets.plausible(refreshToken)) {
            return Uni.createFrom().voidItem();
        }
        String hash = Secrets.hash(refreshToken);
        return Panache.withTransaction(() -> refreshTokens
                .lock(hash)
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : refreshTokens
                                .revokeFamily(found.get().familyId(), clock.instant())
                                .replaceWithVoid()));
    }

    /** Signs {@code memberId} out everywhere: the member themselves, or an admin. A mentor gets 403. */
    @WithTransaction
    public Uni<Void> revokeAll(Caller caller, UUID memberId) {
        return members.findById(memberId).chain(m -> {
            if (m == null || !AccessPolicy.mayRead(caller, m.id, m.mentorId)) {
                throw ProblemException.notFound("member");
            }
            if (!AccessPolicy.mayWrite(caller, m.id)) {
                throw ProblemException.forbidden("a mentor does not end a mentee's sessions");
            }
            return revokeAll(m.id).replaceWithVoid();
        });
    }

    /** Forgets refresh tokens a day after they expired (the export shows a member's recent sessions). */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return Panache.withTransaction(() -> refreshTokens.purge(clock.instant().minus(Duration.ofDays(1))))
                .replaceWithVoid();
    }

    /** Revokes every session of the member, in the caller's transaction (a password change, a reset). */
    public Uni<Integer> revokeAll(UUID memberId) {
        return refreshTokens.revokeMember(memberId, clock.instant());
    }

    private Uni<Pair> issue(Member member, UUID family) {
        String refresh = Secrets.randomToken();
        Instant now = clock.instant();
        return refreshTokens
                .save(Secrets.hash(refresh), family, member.id, now, now.plus(config.refreshTtl()))
                .map(v -> new Pair(
                        tokens.issue(member), refresh, config.refreshTtl().toSeconds()));
    }

    private static Uni<Refresh> refused(Refused why) {
        return Uni.createFrom().item(new Refresh(null, why));
    }

    private static ProblemException invalid() {
        return new ProblemException(401, "Unauthorized", "the refresh token is not valid: sign in again");
    }
}
