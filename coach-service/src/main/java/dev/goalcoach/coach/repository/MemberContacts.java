package dev.goalcoach.coach.repository;

import dev.goalcoach.events.MemberContact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Where to reach members by mail ({@code member_contacts}), kept from member-service's {@code member.contact.changed}. */
@ApplicationScoped
public class MemberContacts {

    /** A member's address and whether they proved it is theirs. */
    public record Contact(String email, boolean verified) {}

    /** Keeps the newest: an older revision changes nothing; one without an address removes the member's row. */
    public Uni<Void> apply(MemberContact c) {
        if (c.email() == null) {
            return Panache.getSession()
                    .chain(s -> s.createNativeQuery("delete from member_contacts where member_id = :member")
                            .setParameter("member", c.memberId())
                            .executeUpdate())
                    .replaceWithVoid();
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into member_contacts (member_id, email, email_verified,"
                                + " revision) values (:member, :email, :verified, :revision) on conflict (member_id)"
                                + " do update set email = excluded.email, email_verified = excluded.email_verified,"
                                + " revision = excluded.revision where member_contacts.revision < excluded.revision")
                        .setParameter("member", c.memberId())
                        .setParameter("email", c.email())
                        .setParameter("verified", c.emailVerified())
                        .setParameter("revision", c.revision())
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Optional<Contact>> find(UUID memberId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select email, email_verified from member_contacts where member_id = :member",
                                Object[].class)
                        .setParameter("member", memberId)
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new Contact((String) r[0], (Boolean) r[1])));
    }
}
