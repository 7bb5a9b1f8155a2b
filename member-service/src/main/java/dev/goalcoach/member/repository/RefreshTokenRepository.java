package dev.goalcoach.member.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens ({@code refresh_tokens}) by their SHA-256, in families that one sign-in starts. */
@ApplicationScoped
public class RefreshTokenRepository {

    /** A refresh token as stored. */
    public record Stored(UUID familyId, UUID memberId, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

    public Uni<Void> save(String hash, UUID familyId, UUID memberId, Instant at, Instant expires) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into refresh_tokens (token_hash, family_id, member_id,"
                                + " created_at, expires_at) values (:hash, :family, :member, :at, :expires)")
                        .setParameter("hash", hash)
                        .setParameter("family", familyId)
                        .setParameter("member", memberId)
                        .setParameter("at", at)
                        .setParameter("expires", expires)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The token, locked until the transaction ends (two refreshes with one token: the second sees it used). */
    public Uni<Optional<Stored>> lock(String hash) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select family_id, member_id, expires_at, used_at, revoked_at from refresh_tokens"
                                        + " where token_hash = :hash for update",
                                Object[].class)
                        .setParameter("hash", hash)
                        .getResultList())
                .map(rows -> rows.stream()
                        .findFirst()
                        .map(r -> new Stored((UUID) r[0], (UUID) r[1], instant(r[2]), instant(r[3]), instant(r[4]))));
    }

    public Uni<Void> markUsed(String hash, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("update refresh_tokens set used_at = :at where token_hash = :hash")
                        .setParameter("at", at)
                        .setParameter("hash", hash)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Revokes every live token of a family; answers how many. */
    public Uni<Integer> revokeFamily(UUID familyId, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("update refresh_tokens set revoked_at = :at"
                                + " where family_id = :family and revoked_at is null")
                        .setParameter("at", at)
                        .setParameter("family", familyId)
                        .executeUpdate());
    }

    /** Revokes every live token of a member: signed out everywhere. */
    public Uni<Integer> revokeMember(UUID memberId, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("update refresh_tokens set revoked_at = :at"
                                + " where member_id = :member and revoked_at is null")
                        .setParameter("at", at)
                        .setParameter("member", memberId)
                        .executeUpdate());
    }

    /** Forgets tokens that expired before {@code before}. */
    public Uni<Integer> purge(Instant before) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("delete from refresh_tokens where expires_at < :before")
                        .setParameter("before", before)
                        .executeUpdate());
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return (Instant) value;
    }
}
