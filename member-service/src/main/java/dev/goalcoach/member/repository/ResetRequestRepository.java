package dev.goalcoach.member.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Password resets asked for ({@code password_reset_requests}), waiting to be turned into mail. */
@ApplicationScoped
public class ResetRequestRepository {

    public record Request(UUID id, String email) {}

    public Uni<Void> save(UUID id, String email, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into password_reset_requests (id, email, requested_at)"
                                + " values (:id, :email, :at)")
                        .setParameter("id", id)
                        .setParameter("email", email)
                        .setParameter("at", at)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Up to {@code limit} requests, oldest first, locked for this transaction (replicas skip each other's). */
    public Uni<List<Request>> claim(int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select id, email from password_reset_requests order by requested_at limit :limit"
                                        + " for update skip locked",
                                Object[].class)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Request((UUID) r[0], (String) r[1]))
                        .toList());
    }

    public Uni<Void> delete(UUID id) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("delete from password_reset_requests where id = :id")
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Erasure: requests naming the member's address. */
    public Uni<Integer> forget(String email) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("delete from password_reset_requests where email = :email")
                        .setParameter("email", email)
                        .executeUpdate());
    }
}
