package dev.goalcoach.goal.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: the first request with a key does its work and stores its answer in the same
 * transaction; a retry with the same key and body gets that answer again without doing anything; the same key
 * with a different body is refused. Concurrent retries wait on the key's row, then replay.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** An answer to replay: HTTP status and JSON body. */
    public record Answer(int status, String body) {}

    public static final int MAX_KEY_LENGTH = 200;

    private final ObjectMapper json;

    public IdempotentRequests(ObjectMapper json) {
        this.json = json;
    }

    /** Runs {@code work} once per (member, key); must run inside a transaction. */
    public Uni<Answer> once(UUID memberId, String key, Object request, Supplier<Uni<Answer>> work) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into idempotency_keys (member_id, key, request_hash)"
                                + " values (:member, :key, :hash) on conflict do nothing")
                        .setParameter("member", memberId)
                        .setParameter("key", key)
                        .setParameter("hash", hash)
                        .executeUpdate())
                .chain(claimed ->
                        claimed == 1 ? work.get().call(a -> store(memberId, key, a)) : replay(memberId, key, hash));
    }

    private Uni<Void> store(UUID memberId, String key, Answer a) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "update idempotency_keys set status = :status, body = :body where member_id = :member and key = :key")
                        .setParameter("status", a.status())
                        .setParameter("body", a.body())
                        .setParameter("member", memberId)
                        .setParameter("key", key)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Answer> replay(UUID memberId, String key, String hash) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select request_hash, status, body from idempotency_keys where member_id = :member and key = :key",
                                Object[].class)
                        .setParameter("member", memberId)
                        .setParameter("key", key)
                        .getSingleResult())
                .map(row -> {
                    if (!hash.equals(row[0])) {
                        throw new ProblemException(
                                422, "Unprocessable Content", "this Idempotency-Key was used for a different request");
                    }
                    return new Answer(((Number) row[1]).intValue(), (String) row[2]);
                });
    }

    public String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hash(Object request) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(write(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
