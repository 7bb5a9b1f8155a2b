package dev.goalcoach.member.messaging;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.GroupSnapshot;
import dev.goalcoach.events.MemberContact;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.events.MemberSnapshot;
import dev.goalcoach.kit.outbox.Outbox;
import dev.goalcoach.member.Member;
import dev.goalcoach.member.MemberGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The integration events member-service publishes, written to the outbox in the caller's transaction. */
@ApplicationScoped
public class MemberEvents {

    private final Outbox outbox;

    public MemberEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(Member m) {
        return outbox.append(EventCatalog.MEMBER_CREATED, m.id, snapshot(m), m.updatedAt)
                .replaceWithVoid();
    }

    public Uni<Void> updated(Member m) {
        return outbox.append(EventCatalog.MEMBER_UPDATED, m.id, snapshot(m), m.updatedAt)
                .replaceWithVoid();
    }

    /** Erasure: the member's events already published leave the outbox now (member.deleted is yet to go). */
    public Uni<Void> forgetPublished(Member m) {
        return outbox.forgetPublished(m.id);
    }

    /** The member's address as it is now, for the services that send mail ({@code member.contact.changed}). */
    public Uni<Void> contact(Member m) {
        var c = new MemberContact(m.id, m.email, m.emailVerified(), m.revision, m.updatedAt);
        return outbox.append(EventCatalog.MEMBER_CONTACT_CHANGED, m.id, c, m.updatedAt)
                .replaceWithVoid();
    }

    /** Erasure: the address is forgotten ({@code member.contact.changed} without one). */
    public Uni<Void> contactForgotten(Member m, Instant at) {
        var c = new MemberContact(m.id, null, false, m.revision + 1, at);
        return outbox.append(EventCatalog.MEMBER_CONTACT_CHANGED, m.id, c, at).replaceWithVoid();
    }

    public Uni<Void> deleted(Member m, Instant at) {
        return outbox.append(EventCatalog.MEMBER_DELETED, m.id, new MemberDeleted(m.id, m.revision + 1, at), at)
                .replaceWithVoid();
    }

    public Uni<Void> groupCreated(MemberGroup g) {
        return outbox.append(EventCatalog.GROUP_CREATED, g.mentorId, snapshot(g), g.updatedAt)
                .replaceWithVoid();
    }

    public Uni<Void> groupDeleted(MemberGroup g, Instant at) {
        var s = new GroupSnapshot(g.id, g.name, g.mentorId, g.revision + 1, at);
        return outbox.append(EventCatalog.GROUP_DELETED, g.mentorId, s, at).replaceWithVoid();
    }

    static MemberSnapshot snapshot(Member m) {
        return new MemberSnapshot(
                m.id,
                m.displayName,
                m.role.name(),
                m.timezone,
                m.mentorId,
                m.groupId,
                m.revision,
                m.createdAt,
                m.updatedAt);
    }

    static GroupSnapshot snapshot(MemberGroup g) {
        return new GroupSnapshot(g.id, g.name, g.mentorId, g.revision, g.updatedAt);
    }
}
