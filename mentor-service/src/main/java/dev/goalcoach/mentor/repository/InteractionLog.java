package dev.goalcoach.mentor.repository;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MentorInteracted;
import dev.goalcoach.kit.outbox.Outbox;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.tracing.EventTraces;
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
 * transaction: a refused attempt is kept although its request fails. Each row and its
 * {@code mentor.interaction.recorded} event (no words: for the warehouse) are one statement, so neither is
 * written without the other.
 */
@ApplicationScoped
public class InteractionLog {

    public static final String ALLOWED = "ALLOWED";
    public static final String DENIED = "DENIED";

    /** One page of the audit, newest first, and how many rows there are. */
    public record Page(List<InteractionView> items, long total) {}

    /** What a copilot question adds to its row: its words, the model that answered, the exact context sent. */
    public record Asked(String question, String answer, String provider, String model, int tokens, String context) {}

    private static final String INSERT = "with row as (insert into mentor_interactions (id, mentor_id, member_id,"
            + " kind, outcome, detail, occurred_at, question, answer, provider, model, context)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id)"
            + " insert into outbox (" + Outbox.COLUMNS + ") select $13, $14, $15, $16, $15, $7, $17, $18 from row";

    private final Pool pool;

    public InteractionLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(UUID mentorId, UUID memberId, String kind, String outcome, String detail, Instant at) {
        return insert(mentorId, memberId, kind, outcome, detail, at, null, List.of());
    }

    /**
     * A copilot question and its answer, with the model that gave it and the exact context it was given;
     * {@code memberId} null for a question about the whole roster; {@code parts}: the context's parts, by name.
     */
    public Uni<Void> recordCopilot(
            UUID mentorId, UUID memberId, Asked asked, List<String> parts, String detail, Instant at) {
        return insert(mentorId, memberId, "copilot", ALLOWED, detail, at, asked, parts);
    }

    private Uni<Void> insert(
            UUID mentorId,
            UUID memberId,
            String kind,
            String outcome,
            String detail,
            Instant at,
            Asked asked,
            List<String> parts) {
        UUID id = UUID.randomUUID();
        var event = new MentorInteracted(
                id,
                mentorId,
                memberId,
                kind,
                outcome,
                asked == null ? null : asked.provider(),
                asked == null ? null : asked.model(),
                asked == null ? null : asked.tokens(),
                parts.isEmpty() ? null : parts,
                at);
        var type = EventCatalog.MENTOR_INTERACTED;
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addUUID(id)
                        .addUUID(mentorId)
                        .addUUID(memberId)
                        .addString(kind)
                        .addString(outcome)
                        .addString(detail)
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC))
                        .addString(asked == null ? null : asked.question())
                        .addString(asked == null ? null : asked.answer())
                        .addString(asked == null ? null : asked.provider())
                        .addString(asked == null ? null : asked.model())
                        .addString(asked == null ? null : asked.context())
                        .addUUID(UUID.randomUUID())
                        .addString(type.topic())
                        .addString((memberId == null ? mentorId : memberId).toString())
                        .addString(type.type())
                        .addString(Outbox.checkedData(type, event))
                        .addString(EventTraces.current()))
                .replaceWithVoid();
    }

    /** What was looked at or asked about {@code memberId}: by {@code mentorId}, or by anyone when it is null. */
    public Uni<Page> about(UUID memberId, UUID mentorId, int page, int size) {
        return rows(memberId, mentorId, page, size).chain(items -> {
            var known = PageView.knownTotal(page, size, items.size());
            if (known.isPresent()) {
                return Uni.createFrom().item(new Page(items, known.getAsLong()));
            }
            return pool.preparedQuery("select count(*) from mentor_interactions" + where(mentorId))
                    .execute(args(memberId, mentorId))
                    .map(count -> new Page(items, count.iterator().next().getLong(0)));
        });
    }

    /** The newest {@code size} rows about {@code memberId} ({@code mentorId}'s only, unless null), uncounted. */
    public Uni<List<InteractionView>> recent(UUID memberId, UUID mentorId, int size) {
        return rows(memberId, mentorId, 0, size);
    }

    private Uni<List<InteractionView>> rows(UUID memberId, UUID mentorId, int page, int size) {
        return pool.preparedQuery("select id, mentor_id, member_id, kind, outcome, detail, occurred_at"
                        + " from mentor_interactions" + where(mentorId) + " order by occurred_at desc, id"
                        + " limit " + size + " offset " + ((long) page * size))
                .execute(args(memberId, mentorId))
                .map(rows -> {
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
                    return items;
                });
    }

    private static String where(UUID mentorId) {
        return " where member_id = $1" + (mentorId == null ? "" : " and mentor_id = $2");
    }

    private static Tuple args(UUID memberId, UUID mentorId) {
        return mentorId == null ? Tuple.of(memberId) : Tuple.of(memberId, mentorId);
    }
}
