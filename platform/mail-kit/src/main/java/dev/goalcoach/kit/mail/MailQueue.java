package dev.goalcoach.kit.mail;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Puts mail in the service's {@code mail_outbox} inside the caller's reactive transaction: the mail exists exactly
 * when the change it tells of was committed, and {@link MailRelay} sends it afterwards, as often as it takes. The
 * table is the service's own migration (see this kit's README).
 */
@ApplicationScoped
public class MailQueue {

    private static final String INSERT = "insert into mail_outbox"
            + " (id, member_id, kind, recipient, subject, text_body, html_body, unsubscribe_url, created_at,"
            + " next_attempt_at) values (:id, :member, :kind, :to, :subject, :text, :html, :unsubscribe, :at, :due)";

    /** Queues {@code mail}; must run inside a transaction ({@code @WithTransaction}). */
    public Uni<UUID> enqueue(OutgoingMail mail) {
        return enqueue(mail, Duration.ZERO);
    }

    /**
     * Queues {@code mail} to be sent no sooner than {@code delay} from now (a member's quiet hours); in a transaction.
     */
    public Uni<UUID> enqueue(OutgoingMail mail, Duration delay) {
        UUID id = UUID.randomUUID();
        // the relay's wall-clock time, not the business clock: a pinned test clock must not hold mail back
        Instant created = Instant.now();
        Instant due = delay.isNegative() ? created : created.plus(delay);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", id)
                        .setParameter("member", mail.memberId())
                        .setParameter("kind", mail.kind())
                        .setParameter("to", mail.to())
                        .setParameter("subject", mail.subject())
                        .setParameter("text", mail.text())
                        .setParameter("html", mail.html())
                        .setParameter("unsubscribe", mail.unsubscribeUrl())
                        .setParameter("at", created)
                        .setParameter("due", due)
                        .executeUpdate())
                .replaceWith(id);
    }

    /** Erasure: the member's unsent mail is dropped with them. In the caller's transaction. */
    public Uni<Integer> forget(UUID memberId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from mail_outbox where member_id = :member")
                        .setParameter("member", memberId)
                        .executeUpdate());
    }
}
