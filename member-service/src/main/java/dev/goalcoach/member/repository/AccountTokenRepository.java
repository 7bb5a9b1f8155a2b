package dev.goalcoach.member.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Single-use links' tokens ({@code account_tokens}), by their SHA-256: email verification and password reset. */
@ApplicationScoped
public class AccountTokenRepository {

    public enum Purpose {
        VERIFY_EMAIL,
        RESET_PASSWORD
    }

    /** What a used link proves: this member asked at this address. */
    public record Used(UUID memberId, String email) {}

    public Uni<Void> save(String hash, UUID memberId, Purpose purpose, String email, Instant at, Instant expires) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into account_tokens (token_hash, member_id, purpose, email,"
                                + " created_at, expires_at) values (:hash, :member, :purpose, :email, :at, :expires)")
                        .setParameter("hash", hash)
                        .setParameter("member", memberId)
                        .setParameter("purpose", purpose.name())
                        .setParameter("email", email)
                        .setParameter("at", at)
                        .setParameter("expires", expires)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Uses the token: marks it used and answers whose it was, if it is one of {@code purpose}, unused and not expired
     * at {@code now}; otherwise empty. One statement: two requests with one link cannot both use it.
     */
    public Uni<Optional<Used>> use(String hash, Purpose purpose, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "update account_tokens set used_at = :now where token_hash = :hash"
                                        + " and purpose = :purpose and used_at is null and expires_at > :now"
                                        + " returning member_id, email",
                                Object[].class)
                        .setParameter("now", now)
                        .setParameter("hash", hash)
                        .setParameter("purpose", purpose.name())
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new Used((UUID) r[0], (String) r[1])));
    }

    /** Whose the token is, if it is one of {@code purpose}, unused and not expired at {@code now}; not used by this. */
    public Uni<Optional<Used>> peek(String hash, Purpose purpose, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select member_id, email from account_tokens where token_hash = :hash"
                                        + " and purpose = :purpose and used_at is null and expires_at > :now",
                                Object[].class)
                        .setParameter("now", now)
                        .setParameter("hash", hash)
                        .setParameter("purpose", purpose.name())
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new Used((UUID) r[0], (String) r[1])));
    }

    /** Retires the member's unused links of {@code purpose} (a newer one was sent, or the password changed). */
    public Uni<Integer> retire(UUID memberId, Purpose purpose, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("update account_tokens set used_at = :now where member_id = :member"
                                + " and purpose = :purpose and used_at is null")
                        .setParameter("now", now)
                        .setParameter("member", memberId)
                        .setParameter("purpose", purpose.name())
                        .executeUpdate());
    }

    /** Forgets links that expired before {@code before}. */
    public Uni<Integer> purge(Instant before) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("delete from account_tokens where expires_at < :before")
                        .setParameter("before", before)
                        .executeUpdate());
    }
}
