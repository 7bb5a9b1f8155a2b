package dev.goalcoach.member.service;

import static dev.goalcoach.kit.problem.ProblemException.invalidField;
import static dev.goalcoach.kit.problem.ProblemException.notFound;

import dev.goalcoach.kit.db.Transactions;
import dev.goalcoach.kit.mail.MailQueue;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.rest.Revisions;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.member.Member;
import dev.goalcoach.member.MemberFilter;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.Role;
import dev.goalcoach.member.api.MemberDtos.CreateMemberRequest;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.api.MemberDtos.RegisterRequest;
import dev.goalcoach.member.api.MemberDtos.UpdateMemberRequest;
import dev.goalcoach.member.messaging.MemberEvents;
import dev.goalcoach.member.repository.GroupRepository;
import dev.goalcoach.member.repository.MemberRepository;
import dev.goalcoach.member.repository.ResetRequestRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Members' lifecycle: sign-up, admin creation, reads by whoever may see them, edits, mentor assignment, erasure. */
@ApplicationScoped
public class MemberService {

    private final MemberRepository members;
    private final GroupRepository groups;
    private final MemberEvents events;
    private final PasswordHasher hasher;
    private final EmailVerification verification;
    private final AccountMails mails;
    private final Sessions sessions;
    private final MailQueue mailQueue;
    private final ResetRequestRepository resetRequests;
    private final SignInLimits limits;
    private final Clock clock;

    public MemberService(
            MemberRepository members,
            GroupRepository groups,
            MemberEvents events,
            PasswordHasher hasher,
            EmailVerification verification,
            AccountMails mails,
            Sessions sessions,
            MailQueue mailQueue,
            ResetRequestRepository resetRequests,
            SignInLimits limits,
            Clock clock) {
        this.members = members;
        this.groups = groups;
        this.events = events;
        this.hasher = hasher;
        this.verification = verification;
        this.mails = mails;
        this.sessions = sessions;
        this.mailQueue = mailQueue;
        this.resetRequests = resetRequests;
        this.limits = limits;
        this.clock = clock;
    }

    /** A validated new member, ready to be stored once its password is hashed. */
    public record NewMember(String email, String displayName, String timezone, Role role, UUID mentorId) {}

    public NewMember validate(RegisterRequest r) {
        return validateNew(r.email(), r.password(), r.displayName(), r.timezone(), Role.MEMBER, null);
    }

    public NewMember validate(CreateMemberRequest r) {
        return validateNew(r.email(), r.password(), r.displayName(), r.timezone(), r.role(), r.mentorId());
    }

    /**
     * Hashes the password (off the event loop), then stores the member, its {@code member.created} and the mail
     * with the link that verifies their address.
     */
    public Uni<Member> create(NewMember n, String password) {
        return hasher.hash(password).chain(hash -> store(n, hash));
    }

    @WithTransaction
    public Uni<Member> store(NewMember n, String passwordHash) {
        return members.findByEmail(n.email())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("a member with this email already exists");
                    }
                })
                .chain(() -> n.mentorId() == null ? Uni.createFrom().voidItem() : requireMentor(n.mentorId()))
                .chain(() -> {
                    var m = new Member();
                    m.id = UUID.randomUUID();
                    m.email = n.email();
                    m.displayName = n.displayName();
                    m.timezone = n.timezone();
                    m.role = n.role();
                    m.mentorId = n.mentorId();
                    m.passwordHash = passwordHash;
                    m.revision = 1;
                    m.createdAt = now();
                    m.updatedAt = m.createdAt;
                    return members.persistAndFlush(m); // before the link's row, which refers to it
                })
                .call(events::created)
                .call(events::contact)
                .call(verification::send);
    }

    @WithSession
    public Uni<MemberView> get(Caller caller, UUID id) {
        return readable(caller, id).map(MemberView::of);
    }

    @WithSession
    public Uni<PageView<MemberView>> list(Caller caller, MemberFilter filter, int page, int size) {
        if (caller.isAdmin()) {
            return page(filter, page, size);
        }
        if (caller.isMentor()) {
            // a mentor lists their own mentees, and nobody else
            if (filter.mentorId() != null && !caller.is(filter.mentorId())) {
                return Uni.createFrom().item(new PageView<>(List.of(), page, size, 0));
            }
            return page(new MemberFilter(filter.role(), caller.id(), filter.groupId()), page, size);
        }
        return members.findById(caller.id()).map(self -> {
            boolean matches = self != null
                    && (filter.role() == null || filter.role() == self.role)
                    && (filter.mentorId() == null || filter.mentorId().equals(self.mentorId))
                    && (filter.groupId() == null || filter.groupId().equals(self.groupId));
            var items = matches && page == 0 ? List.of(MemberView.of(self)) : List.<MemberView>of();
            return new PageView<>(items, page, size, matches ? 1 : 0);
        });
    }

    @WithSession
    public Uni<PageView<MemberView>> mentees(Caller caller, UUID mentorId, int page, int size) {
        if (!caller.isAdmin() && !caller.is(mentorId)) {
            return Uni.createFrom().failure(notFound("mentor"));
        }
        return members.findById(mentorId).chain(mentor -> {
            if (mentor == null || mentor.role != Role.MENTOR) {
                return Uni.createFrom().failure(notFound("mentor"));
            }
            return page(new MemberFilter(null, mentorId, null), page, size);
        });
    }

    /** Changes a member; {@code ifMatch}: the revision the client read (412 when it changed since), or any. */
    public Uni<MemberView> update(Caller caller, UUID id, UpdateMemberRequest r, Revisions.IfMatch ifMatch) {
        return Transactions.retryingConflicts(() -> readable(caller, id).chain(m -> {
            ifMatch.check(m.revision, "the member");
            if (!AccessPolicy.mayWrite(caller, m.id)) {
                throw ProblemException.forbidden("a mentor reads their mentees' profiles but does not edit them");
            }
            if (!caller.isAdmin()) {
                if (r.role() != null && r.role() != m.role) {
                    throw ProblemException.forbidden("only an admin changes a role");
                }
                if (r.mentorId() != null && !r.mentorId().equals(m.mentorId)) {
                    throw ProblemException.forbidden("only an admin assigns a mentor");
                }
                if (r.groupId() != null && !r.groupId().equals(m.groupId)) {
                    throw ProblemException.forbidden("a member joins a group through their mentor");
                }
            }
            String email = r.email() == null
                    ? null
                    : MemberRules.normalizeEmail(r.email())
                            .orElseThrow(() -> invalidField("email", "is not an email address"));
            String name = r.displayName() == null
                    ? null
                    : MemberRules.normalizeDisplayName(r.displayName())
                            .orElseThrow(() -> invalidField("displayName", "must be 1 to 100 printable characters"));
            if (r.timezone() != null && !MemberRules.isTimeZone(r.timezone())) {
                throw invalidField("timezone", "is not an IANA time zone such as Europe/Paris");
            }
            if (r.password() != null) {
                MemberRules.passwordWeakness(r.password(), email != null ? email : m.email)
                        .ifPresent(why -> {
                            throw invalidField("password", why);
                        });
                if (!caller.isAdmin() && r.currentPassword() == null) {
                    throw invalidField("currentPassword", "is needed to set a new password");
                }
            }
            if (email != null && !email.equals(m.email) && !caller.isAdmin()) {
                limits.admitEmailChange(m.id); // each change mails two addresses
            }
            return checkEmailFree(email, m)
                    .chain(() -> {
                        if (caller.isAdmin()
                                && r.mentorId() != null
                                && !r.mentorId().equals(m.mentorId)) {
                            requireVerified(m, email);
                            return requireMentor(r.mentorId());
                        }
                        return Uni.createFrom().voidItem();
                    })
                    .chain(() -> caller.isAdmin()
                                    && r.groupId() != null
                                    && !r.groupId().equals(m.groupId)
                            ? requireGroupOf(r.groupId(), r.mentorId() != null ? r.mentorId() : m.mentorId)
                            : Uni.createFrom().voidItem())
                    .chain(() -> newPasswordHash(caller, m, r))
                    .chain(hash -> {
                        boolean changed = false;
                        String leftEmail = null;
                        if (email != null && !email.equals(m.email)) {
                            leftEmail = m.email;
                            m.email = email;
                            m.emailVerifiedAt = null; // the new address is verified by a link sent to it
                            changed = true;
                        }
                        if (name != null && !name.equals(m.displayName)) {
                            m.displayName = name;
                            changed = true;
                        }
                        if (r.timezone() != null && !r.timezone().equals(m.timezone)) {
                            m.timezone = r.timezone();
                            changed = true;
                        }
                        if (hash != null) {
                            m.passwordHash = hash;
                            changed = true;
                        }
                        if (caller.isAdmin()) {
                            if (r.role() != null && r.role() != m.role) {
                                m.role = r.role();
                                changed = true;
                            }
                            if (r.mentorId() != null && !r.mentorId().equals(m.mentorId)) {
                                m.mentorId = r.mentorId();
                                m.groupId = r.groupId(); // a cohort belongs to one mentor
                                changed = true;
                            }
                            if (r.groupId() != null && !r.groupId().equals(m.groupId)) {
                                m.groupId = r.groupId();
                                changed = true;
                            }
                        }
                        if (!changed) {
                            return Uni.createFrom().item(MemberView.of(m));
                        }
                        m.touch(now());
                        Uni<Void> after = events.updated(m).replaceWithVoid();
                        if (leftEmail != null) {
                            String left = leftEmail;
                            after = after.chain(() -> events.contact(m))
                                    .chain(() -> verification.send(m))
                                    .chain(() -> mails.emailChanged(m, left));
                        }
                        if (hash != null) {
                            // a new password signs the member out everywhere (tokens already issued run out)
                            after = after.chain(() -> sessions.revokeAll(m.id)).replaceWithVoid();
                        }
                        return after.replaceWith(() -> MemberView.of(m));
                    });
        }));
    }

    public Uni<MemberView> assignMentor(UUID memberId, UUID mentorId) {
        return Transactions.retryingConflicts(() -> members.findById(memberId).chain(m -> {
            if (m == null) {
                return Uni.createFrom().failure(notFound("member"));
            }
            if (m.id.equals(mentorId)) {
                return Uni.createFrom().failure(invalidField("mentorId", "a member cannot mentor themselves"));
            }
            if (Objects.equals(m.mentorId, mentorId)) {
                return Uni.createFrom().item(MemberView.of(m));
            }
            if (mentorId != null) {
                requireVerified(m, null);
            }
            return (mentorId == null ? Uni.createFrom().voidItem() : requireMentor(mentorId)).chain(() -> {
                m.mentorId = mentorId;
                m.groupId = null; // a cohort belongs to one mentor
                m.touch(now());
                return events.updated(m).replaceWith(MemberView.of(m));
            });
        }));
    }

    /** Erases a member: their row, their cohorts if a mentor, and a {@code member.deleted} for every other service. */
    public Uni<Void> delete(Caller caller, UUID id) {
        return Transactions.retryingConflicts(() -> readable(caller, id).chain(m -> {
            if (!AccessPolicy.mayWrite(caller, m.id)) {
                throw ProblemException.forbidden("a mentor cannot erase a mentee");
            }
            Instant at = now();
            return members.menteesOf(m.id)
                    .onItem()
                    .transformToMulti(list -> Multi.createFrom().iterable(list))
                    .onItem()
                    .transformToUniAndConcatenate(mentee -> {
                        mentee.mentorId = null;
                        mentee.groupId = null;
                        mentee.touch(at);
                        return events.updated(mentee);
                    })
                    .collect()
                    .last()
                    .chain(() -> groups.ofMentor(m.id))
                    .onItem()
                    .transformToMulti(list -> Multi.createFrom().iterable(list))
                    .onItem()
                    .transformToUniAndConcatenate(
                            g -> events.groupDeleted(g, at).chain(() -> groups.delete(g)))
                    .collect()
                    .last()
                    .chain(() -> events.forgetPublished(m))
                    .chain(() -> events.contactForgotten(m, at))
                    .chain(() -> mailQueue.forget(m.id))
                    .chain(() -> resetRequests.forget(m.email))
                    .chain(() -> members.delete(m))
                    .chain(() -> events.deleted(m, at));
        }));
    }

    /** The member, if {@code caller} may see them; otherwise 404, exactly as if there were none. */
    Uni<Member> readable(Caller caller, UUID id) {
        return members.findById(id).map(m -> {
            if (m == null || !AccessPolicy.mayRead(caller, m.id, m.mentorId)) {
                throw notFound("member");
            }
            return m;
        });
    }

    /**
     * A mentor is given only to a member whose address is verified ({@code newEmail}: an address the same change
     * sets, unverified by it). 409 otherwise.
     */
    private static void requireVerified(Member m, String newEmail) {
        if (!m.emailVerified() || (newEmail != null && !newEmail.equals(m.email))) {
            throw ProblemException.conflict(
                    "the member has not verified their email yet: a mentor is assigned once they have");
        }
    }

    Uni<Void> requireMentor(UUID mentorId) {
        return members.findById(mentorId).map(mentor -> {
            if (mentor == null || mentor.role != Role.MENTOR) {
                throw invalidField("mentorId", "does not name a mentor");
            }
            return null;
        });
    }

    private Uni<Void> requireGroupOf(UUID groupId, UUID mentorId) {
        return groups.findById(groupId).map(g -> {
            if (g == null) {
                throw invalidField("groupId", "does not name a group");
            }
            if (!g.mentorId.equals(mentorId)) {
                throw ProblemException.conflict("the group belongs to another mentor than the member's");
            }
            return null;
        });
    }

    private Uni<Void> checkEmailFree(String email, Member m) {
        if (email == null || email.equals(m.email)) {
            return Uni.createFrom().voidItem();
        }
        return members.findByEmail(email).map(other -> {
            if (other != null) {
                throw ProblemException.conflict("a member with this email already exists");
            }
            return null;
        });
    }

    private Uni<String> newPasswordHash(Caller caller, Member m, UpdateMemberRequest r) {
        if (r.password() == null) {
            return Uni.createFrom().nullItem();
        }
        Uni<Boolean> allowed = caller.isAdmin() && !caller.is(m.id)
                ? Uni.createFrom().item(true)
                : hasher.matches(r.currentPassword() == null ? "" : r.currentPassword(), m.passwordHash);
        return allowed.chain(ok -> {
            if (!ok) {
                return Uni.createFrom().failure(invalidField("currentPassword", "is not your current password"));
            }
            return hasher.hash(r.password());
        });
    }

    private Uni<PageView<MemberView>> page(MemberFilter filter, int page, int size) {
        return members.list(filter, page, size)
                .chain(list -> members.count(filter)
                        .map(total ->
                                new PageView<>(list.stream().map(MemberView::of).toList(), page, size, total)));
    }

    private NewMember validateNew(
            String email, String password, String displayName, String timezone, Role role, UUID mentorId) {
        String e =
                MemberRules.normalizeEmail(email).orElseThrow(() -> invalidField("email", "is not an email address"));
        String name = MemberRules.normalizeDisplayName(displayName)
                .orElseThrow(() -> invalidField("displayName", "must be 1 to 100 printable characters"));
        if (!MemberRules.isTimeZone(timezone)) {
            throw invalidField("timezone", "is not an IANA time zone such as Europe/Paris");
        }
        MemberRules.passwordWeakness(password, e).ifPresent(why -> {
            throw invalidField("password", why);
        });
        if (mentorId != null && role != Role.MEMBER) {
            throw invalidField("mentorId", "only members have a mentor");
        }
        if (mentorId != null) {
            throw ProblemException.conflict(
                    "a new member has not verified their email yet: assign the mentor once they have");
        }
        return new NewMember(e, name, timezone, role, mentorId);
    }

    /** The business clock's now (to microseconds, as PostgreSQL keeps it: what we publish equals what we stored). */
    Instant now() {
        return clock.instant();
    }
}
