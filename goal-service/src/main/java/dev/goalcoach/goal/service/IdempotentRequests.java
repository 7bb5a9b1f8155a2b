package dev.goalcoach.goal.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.goal.repository.Db;
import dev.goalcoach.goal.repository.IdempotencyKeys;
import dev.goalcoach.kit.problem.ProblemException;
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
    private final IdempotencyKeys keys;

    public IdempotentRequests(ObjectMapper json, IdempotencyKeys keys) {
        this.json = json;
        this.keys = keys;
    }

    /** Runs {@code work} once per (member, key), in the transaction {@code tx} is in. */
    public Uni<Answer> once(Db tx, UUID memberId, String key, Object request, Supplier<Uni<Answer>> work) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        return keys.claim(tx, memberId, key, hash)
                .chain(claimed -> claimed
                        ? work.get().call(a -> keys.answer(tx, memberId, key, a.status(), a.body()))
                        : keys.used(tx, memberId, key).map(used -> {
                            if (!hash.equals(used.requestHash())) {
                                throw new ProblemException(
                                        422,
                                        "Unprocessable Content",
                                        "this Idempotency-Key was used for a different request");
                            }
                            return new Answer(used.status(), used.body());
                        }));
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
