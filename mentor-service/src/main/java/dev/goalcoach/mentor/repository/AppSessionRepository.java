package dev.goalcoach.mentor.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The dashboard client's sessions ({@code mentor_app_sessions}), by the hash of their cookie's value. */
@ApplicationScoped
public class AppSessionRepository {

    /**
     * A session as stored: whose, the member-service access token it relays and the refresh token that renews it
     * (null from a member-service without refresh tokens: the session then ends with its token), its CSRF token,
     * until when.
     */
    public record Stored(UUID memberId, String token, String refresh, String csrf, Instant expiresAt) {}

    public Uni<Void> save(String idHash, Stored s, Instant at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into mentor_app_sessions (id_hash, member_id,"
                                + " token, refresh_token, csrf, created_at, expires_at) values (:id, :member, :token,"
                                + " :refresh, :csrf, :at, :expires)")
                        .setParameter("id", idHash)
                        .setParameter("member", s.memberId())
                        .setParameter("token", s.token())
                        .setParameter("refresh", s.refresh())
                        .setParameter("csrf", s.csrf())
                        .setParameter("at", at)
                        .setParameter("expires", s.expiresAt())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The session, unless it expired by {@code now}. */
    public Uni<Optional<Stored>> find(String idHash, Instant now) {
        return select(idHash, now, "");
    }

    /** The same, its row locked until the transaction ends (a renewal, a sign-out). */
    public Uni<Optional<Stored>> lock(String idHash, Instant now) {
        return select(idHash, now, " for update");
    }

    private Uni<Optional<Stored>> select(String idHash, Instant now, String lock) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select member_id, token, refresh_token, csrf, expires_at from mentor_app_sessions"
                                        + " where id_hash = :id and expires_at > :now" + lock,
                                Object[].class)
                        .setParameter("id", idHash)
                        .setParameter("now", now)
                        .getResultList())
                .map(rows -> rows.stream()
                        .findFirst()
                        .map(r -> new Stored((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], instant(r[4]))));
    }

    /** The session's renewed tokens. */
    public Uni<Void> renew(String idHash, String token, String refresh) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("update mentor_app_sessions set token = :token,"
                                + " refresh_token = :refresh where id_hash = :id")
                        .setParameter("token", token)
                        .setParameter("refresh", refresh)
                        .setParameter("id", idHash)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> delete(String idHash) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from mentor_app_sessions where id_hash = :id")
                        .setParameter("id", idHash)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Forgets the sessions that expired by {@code now}; answers how many. */
    public Uni<Integer> deleteExpired(Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from mentor_app_sessions where expires_at <= :now")
                        .setParameter("now", now)
                        .executeUpdate());
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return (Instant) value;
    }
}
