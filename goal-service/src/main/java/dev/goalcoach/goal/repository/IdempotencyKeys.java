package dev.goalcoach.goal.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/** {@code idempotency_keys}: a member's key, the hash of the request it came with, and the answer given. */
@ApplicationScoped
public class IdempotencyKeys {

    /** What a key was first used for and answered. */
    public record Used(String requestHash, int status, String body) {}

    /** Takes the key for this request; false when it was taken already (then waits for its row's lock). */
    public Uni<Boolean> claim(Db db, UUID memberId, String key, String requestHash) {
        return db.client
                .preparedQuery("insert into idempotency_keys (member_id, key, request_hash) values ($1, $2, $3)"
                        + " on conflict do nothing")
                .execute(Tuple.of(memberId, key, requestHash))
                .map(claimed -> claimed.rowCount() == 1);
    }

    public Uni<Void> answer(Db db, UUID memberId, String key, int status, String body) {
        return db.client
                .preparedQuery("update idempotency_keys set status = $1, body = $2 where member_id = $3 and key = $4")
                .execute(Tuple.of(status, body, memberId, key))
                .replaceWithVoid();
    }

    /** Forgets the keys used longer ago than {@code ttl} (by the database's clock, as it stamped them). */
    public Uni<Integer> purgeOlderThan(Db db, Duration ttl) {
        return db.client
                .preparedQuery("delete from idempotency_keys where created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) ttl.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    public Uni<Used> used(Db db, UUID memberId, String key) {
        return db.client
                .preparedQuery(
                        "select request_hash, status, body from idempotency_keys where member_id = $1 and key = $2")
                .execute(Tuple.of(memberId, key))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Used(row.getString(0), row.getInteger(1), row.getString(2));
                });
    }
}
