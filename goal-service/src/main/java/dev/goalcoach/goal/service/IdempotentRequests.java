package dev.goalcoach.goal.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
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

    /** Runs {@code work} once per (member, key), in the transaction {@code tx} is in. */
    public Uni<Answer> once(SqlClient tx, UUID memberId, String key, Object request, Supplier<Uni<Answer>> work) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        return tx.preparedQuery("insert into idempotency_keys (member_id, key, request_hash) values ($1, $2, $3)"
                        + " on conflict do nothing")
                .execute(Tuple.of(memberId, key, hash))
                .chain(claimed -> claimed.rowCount() == 1
                        ? work.get().call(a -> store(tx, memberId, key, a))
                        : replay(tx, memberId, key, hash));
    }

    private Uni<Void> store(SqlClient tx, UUID memberId, String key, Answer a) {
        return tx.preparedQuery("update idempotency_keys set status = $1, body = $2 where member_id = $3 and key = $4")
                .execute(Tuple.of(a.status(), a.body(), memberId, key))
                .replaceWithVoid();
    }

    private Uni<Answer> replay(SqlClient tx, UUID memberId, String key, String hash) {
        return tx.preparedQuery(
                        "select request_hash, status, body from idempotency_keys where member_id = $1 and key = $2")
                .execute(Tuple.of(memberId, key))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (!hash.equals(row.getString(0))) {
                        throw new ProblemException(
                                422, "Unprocessable Content", "this Idempotency-Key was used for a different request");
                    }
                    return new Answer(row.getInteger(1), row.getString(2));
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
