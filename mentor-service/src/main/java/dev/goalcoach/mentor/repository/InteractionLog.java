package dev.goalcoach.mentor.repository;

import dev.goalcoach.mentor.api.MentorDtos.InteractionView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit ({@code mentor_interactions}), written on a pooled connection of its own, outside the request's
 * transaction: a refused attempt is kept although its request fails.
 */
@ApplicationScoped
public class InteractionLog {

    public static final String ALLOWED = "ALLOWED";
    public static final String DENIED = "DENIED";

    /** One page of the audit, newest first, and how many rows there are. */
    public record Page(List<InteractionView> items, long total) {}

    private final Pool pool;

    public InteractionLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(UUID mentorId, UUID memberId, String kind, String outcome, String detail, Instant at) {
        return pool.preparedQuery("insert into mentor_interactions (id, mentor_id, member_id, kind, outcome, detail,"
                        + " occurred_at) values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.tuple()
                        .addUUID(UUID.randomUUID())
                        .addUUID(mentorId)
                        .addUUID(memberId)
                        .addString(kind)
                        .addString(outcome)
                        .addString(detail)
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * A copilot question and its answer, with the model that gave it and the exact context it was given;
     * {@code memberId} null for a question about the whole roster.
     */
    public Uni<Void> recordCopilot(
            UUID mentorId,
            UUID memberId,
            String question,
            String answer,
            String provider,
            String model,
            String context,
            String detail,
            Instant at) {
        return pool.preparedQuery("insert into mentor_interactions (id, mentor_id, member_id, kind, outcome, detail,"
                        + " occurred_at, question, answer, provider, model, context)"
                        + " values ($1, $2, $3, 'copilot', 'ALLOWED', $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.tuple()
                        .addUUID(UUID.randomUUID())
                        .addUUID(mentorId)
                        .addUUID(memberId)
                        .addString(detail)
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC))
                        .addString(question)
                        .addString(answer)
                        .addString(provider)
                        .addString(model)
                        .addString(context))
                .replaceWithVoid();
    }

    /** What was looked at or asked about {@code memberId}: by {@code mentorId}, or by anyone when it is null. */
    public Uni<Page> about(UUID memberId, UUID mentorId, int page, int size) {
        String where = " where member_id = $1" + (mentorId == null ? "" : " and mentor_id = $2");
        Tuple args = mentorId == null ? Tuple.of(memberId) : Tuple.of(memberId, mentorId);
        return pool.preparedQuery("select id, mentor_id, member_id, kind, outcome, detail, occurred_at"
                        + " from mentor_interactions" + where + " order by occurred_at desc, id"
                        + " limit " + size + " offset " + ((long) page * size))
                .execute(args)
                .chain(rows -> {
                    var items = new ArrayList<InteractionView>();
                    for (Row r : rows) {
                        items.add(new InteractionView(
                                r.getUUID(0),
                                r.getUUID(1),
                                r.getUUID(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getOffsetDateTime(6).toInstant()));
                    }
                    return pool.preparedQuery("select count(*) from mentor_interactions" + where)
                            .execute(args)
                            .map(count ->
                                    new Page(items, count.iterator().next().getLong(0)));
                });
    }
}
