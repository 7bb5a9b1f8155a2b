package dev.goalcoach.member.service;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.member.Member;
import dev.goalcoach.member.config.MemberConfig;
import dev.goalcoach.member.messaging.MemberEvents;
import dev.goalcoach.member.repository.AccountTokenRepository;
import dev.goalcoach.member.repository.AccountTokenRepository.Purpose;
import dev.goalcoach.member.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A member proves their address by following a single-use link mailed to it: at sign-up, when an admin creates
 * them, when the address changes, and when they ask again. Until then they use the app as anyone, but get no
 * reminders by mail and cannot be given a mentor. A link proves the address it was sent to only: after a change,
 * the old address's link does nothing. Expiry counts on the business clock.
 */
@ApplicationScoped
public class EmailVerification {

    private final AccountTokenRepository links;
    private final MemberRepository members;
    private final AccountMails mails;
    private final SignInLimits limits;
    private final MemberEvents events;
    private final MemberConfig config;
    private final Clock clock;

    public EmailVerification(
            AccountTokenRepository links,
            MemberRepository members,
            AccountMails mails,
            SignInLimits limits,
            MemberEvents events,
            MemberConfig config,
            Clock clock) {
        this.links = links;
        this.events = events;
        this.members = members;
        this.mails = mails;
        this.limits = limits;
        this.config = config;
        this.clock = clock;
    }

    /** Mails {@code m} a new link (earlier unused ones retired), in the caller's transaction. */
    public Uni<Void> send(Member m) {
        String token = Secrets.randomToken();
        Instant now = clock.instant();
        return links.retire(m.id, Purpose.VERIFY_EMAIL, now)
                .chain(() -> links.save(
                        Secrets.hash(token),
                        m.id,
                        Purpose.VERIFY_EMAIL,
                        m.email,
                        now,
                        now.plus(config.verificationTtl())))
                .chain(() -> mails.verification(m, token, config.verificationTtl()));
    }

    /** The caller asks for another link: 409 when already verified, 429 past the limit. */
    @WithTransaction
    public Uni<Void> resend(Caller caller) {
        limits.admitVerificationResend(caller.id());
        return members.findById(caller.id()).chain(m -> {
            if (m == null) {
                throw ProblemException.notFound("member");
            }
            if (m.emailVerified()) {
                throw ProblemException.conflict("the email is verified already");
            }
            return send(m);
        });
    }

    /** Follows a link: the member's address is verified. 400 for an unknown, used or expired link. */
    @WithTransaction
    public Uni<Member> verify(String token) {
        if (!Secrets.plausible(token)) {
            return Uni.createFrom().failure(invalidLink());
        }
        Instant now = clock.instant();
        return links.use(Secrets.hash(token), Purpose.VERIFY_EMAIL, now).chain(used -> {
            if (used.isEmpty()) {
                throw invalidLink();
            }
            return members.findById(used.get().memberId()).chain(m -> {
                if (m == null || !m.email.equals(used.get().email())) {
                    throw ProblemException.badRequest("this link was for an address the account no longer has");
                }
                if (m.emailVerifiedAt != null) {
                    return Uni.createFrom().item(m);
                }
                m.emailVerifiedAt = now;
                m.touch(now);
                return events.contact(m).replaceWith(m);
            });
        });
    }

    /** Forgets mailed links (verification and reset) a day after they expired. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return Panache.withTransaction(() -> links.purge(clock.instant().minus(Duration.ofDays(1))))
                .replaceWithVoid();
    }

    static ProblemException invalidLink() {
        return ProblemException.badRequest("the link is not valid: it was used already, has expired, or was cut short");
    }
}
