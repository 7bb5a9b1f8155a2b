package dev.goalcoach.member.service;

import static dev.goalcoach.kit.problem.ProblemException.invalidField;

import dev.goalcoach.member.Member;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.config.MemberConfig;
import dev.goalcoach.member.messaging.MemberEvents;
import dev.goalcoach.member.repository.AccountTokenRepository;
import dev.goalcoach.member.repository.AccountTokenRepository.Purpose;
import dev.goalcoach.member.repository.MemberRepository;
import dev.goalcoach.member.repository.ResetRequestRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A forgotten password: a request names an email; whether an account has it or not, the request is stored and
 * answered alike (the same status, body and work: one insert), so the answer tells nobody who has an account. The
 * stored requests are turned into reset mails afterwards ({@link #process}); an email without an account gets no
 * mail. The link works once and for {@code reset-ttl}; choosing a new password with it verifies the address (the
 * link proved it), retires other reset links and signs the member out everywhere.
 */
@ApplicationScoped
public class PasswordResets {

    private final ResetRequestRepository requests;
    private final AccountTokenRepository links;
    private final MemberRepository members;
    private final AccountMails mails;
    private final SignInLimits limits;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final MemberEvents events;
    private final MemberConfig config;
    private final Clock clock;

    public PasswordResets(
            ResetRequestRepository requests,
            AccountTokenRepository links,
            MemberRepository members,
            AccountMails mails,
            SignInLimits limits,
            PasswordHasher hasher,
            Sessions sessions,
            MemberEvents events,
            MemberConfig config,
            Clock clock) {
        this.requests = requests;
        this.links = links;
        this.members = members;
        this.mails = mails;
        this.limits = limits;
        this.hasher = hasher;
        this.sessions = sessions;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** Asks for a reset mail; 400 for what is not an email address, 429 past the limits. */
    @WithTransaction
    public Uni<Void> request(String address, String email) {
        limits.admitReset(address, email);
        String normalized =
                MemberRules.normalizeEmail(email).orElseThrow(() -> invalidField("email", "is not an email address"));
        return requests.save(UUID.randomUUID(), normalized, clock.instant());
    }

    /** Turns stored requests into reset mails, a batch at a time, each batch in one transaction. */
    @Scheduled(
            every = "${goalcoach.member.reset-poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> process() {
        return Panache.withTransaction(() -> requests.claim(50)
                        .onItem()
                        .transformToMulti(list -> Multi.createFrom().iterable(list))
                        .onItem()
                        .transformToUniAndConcatenate(r -> members.findByEmail(r.email())
                                .chain(m -> m == null ? Uni.createFrom().voidItem() : send(m))
                                .chain(() -> requests.delete(r.id())))
                        .collect()
                        .last())
                .replaceWithVoid();
    }

    private Uni<Void> send(Member m) {
        String token = Secrets.randomToken();
        Instant now = clock.instant();
        return links.retire(m.id, Purpose.RESET_PASSWORD, now)
                .chain(() -> links.save(
                        Secrets.hash(token), m.id, Purpose.RESET_PASSWORD, m.email, now, now.plus(config.resetTtl())))
                .chain(() -> mails.reset(m, token, config.resetTtl()));
    }

    /** Whether the link is one that would reset a password now (the form is shown only then). */
    @WithSession
    public Uni<Boolean> usable(String token) {
        if (!Secrets.plausible(token)) {
            return Uni.createFrom().item(false);
        }
        return links.peek(Secrets.hash(token), Purpose.RESET_PASSWORD, clock.instant())
                .map(java.util.Optional::isPresent);
    }

    /**
     * Sets a new password with a link: 400 for an unusable link or a weak password. The password is hashed before
     * the link is used, so a weak or failed attempt leaves the link usable.
     */
    public Uni<Void> reset(String token, String password) {
        if (!Secrets.plausible(token)) {
            return Uni.createFrom().failure(EmailVerification.invalidLink());
        }
        String hash = Secrets.hash(token);
        return Panache.withSession(() -> links.peek(hash, Purpose.RESET_PASSWORD, clock.instant()))
                .chain(peeked -> {
                    if (peeked.isEmpty()) {
                        throw EmailVerification.invalidLink();
                    }
                    MemberRules.passwordWeakness(password, peeked.get().email()).ifPresent(why -> {
                        throw invalidField("password", why);
                    });
                    return hasher.hash(password);
                })
                .chain(passwordHash -> Panache.withTransaction(() -> {
                    Instant now = clock.instant();
                    return links.use(hash, Purpose.RESET_PASSWORD, now).chain(used -> {
                        if (used.isEmpty()) {
                            throw EmailVerification.invalidLink();
                        }
                        return members.findById(used.get().memberId()).chain(m -> {
                            if (m == null || !m.email.equals(used.get().email())) {
                                throw EmailVerification.invalidLink();
                            }
                            m.passwordHash = passwordHash;
                            boolean verifiedNow = m.emailVerifiedAt == null;
                            if (verifiedNow) {
                                m.emailVerifiedAt = now; // the link proved the address
                            }
                            m.touch(now);
                            return links.retire(m.id, Purpose.RESET_PASSWORD, now)
                                    .chain(() -> sessions.revokeAll(m.id))
                                    .chain(() -> verifiedNow
                                            ? events.contact(m)
                                            : Uni.createFrom().voidItem())
                                    .replaceWithVoid();
                        });
                    });
                }));
    }
}
