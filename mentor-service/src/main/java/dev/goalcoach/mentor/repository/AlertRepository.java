package dev.goalcoach.mentor.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.mentor.api.MentorDtos.AlertView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** At-risk alerts ({@code mentor_alerts}), in the session of the caller's transaction. */
@ApplicationScoped
public class AlertRepository {

    /** What an alert is now: not yet seen, seen by the mentor (still at HIGH), or over (the level fell). */
    public enum State {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED;

        String where() {
            return switch (this) {
                case OPEN -> "a.acknowledged_at is null and a.resolved_at is null";
                case ACKNOWLEDGED -> "a.acknowledged_at is not null and a.resolved_at is null";
                case RESOLVED -> "a.resolved_at is not null";
            };
        }
    }

    /** One page of alerts, newest first, and how many there are. */
    public record Page(List<AlertView> items, long total) {}

    private static final String COLUMNS = "a.id, a.member_id, d.display_name, a.level, a.previous_level, a.score,"
            + " cast(a.reasons as text), a.as_of, a.raised_at, a.acknowledged_at, a.acknowledged_by, a.resolved_at";

    /**
     * Raises an alert for a change to HIGH; true when it is new (a second delivery of the change, or another
     * change to HIGH the same member-local day, raises none).
     */
    public Uni<Boolean> raise(RiskChanged change, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "insert into mentor_alerts (id, member_id, level, as_of,"
                                        + " previous_level, score, reasons, raised_at) values (:id, :member, :level, :asOf,"
                                        + " :previous, :score, cast(cast(:reasons as text) as jsonb), :at) on conflict do nothing")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("member", change.memberId())
                        .setParameter("level", change.level())
                        .setParameter("asOf", change.asOf())
                        .setParameter("previous", change.previousLevel())
                        .setParameter("score", change.score())
                        .setParameter("reasons", new String(EventJson.write(change.reasons())))
                        .setParameter("at", at)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    /** Resolves the member's unresolved alerts: their level fell below HIGH. Answers how many. */
    public Uni<Integer> resolve(UUID memberId, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("update mentor_alerts set resolved_at = :at"
                                + " where member_id = :member and resolved_at is null")
                        .setParameter("at", at)
                        .setParameter("member", memberId)
                        .executeUpdate());
    }

    /** Marks the alert seen by {@code mentorId}, unless it was already (the first acknowledgement stands). */
    public Uni<Void> acknowledge(UUID id, UUID mentorId, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("update mentor_alerts set acknowledged_at = :at, acknowledged_by ="
                                + " :mentor where id = :id and acknowledged_at is null")
                        .setParameter("at", at)
                        .setParameter("mentor", mentorId)
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Optional<AlertView>> find(UUID id) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select " + COLUMNS + " from mentor_alerts a left join member_directory d"
                                        + " on d.member_id = a.member_id where a.id = :id",
                                Object[].class)
                        .setParameter("id", id)
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(AlertRepository::view));
    }

    /**
     * Alerts about the mentees of {@code mentorId} now (null: everyone's, an admin's view), about {@code memberId}
     * only when given, in {@code states}; newest first.
     */
    public Uni<Page> list(UUID mentorId, UUID memberId, List<State> states, int page, int size) {
        String where = " from mentor_alerts a join member_directory d on d.member_id = a.member_id"
                + " where not d.deleted"
                + (mentorId == null ? "" : " and d.mentor_id = :mentor")
                + (memberId == null ? "" : " and a.member_id = :member")
                + " and ("
                + String.join(" or ", states.stream().map(State::where).toList()) + ")";
        return Panache.getSession().chain(s -> {
            var list = s.createNativeQuery(
                    "select " + COLUMNS + where + " order by a.raised_at desc, a.id", Object[].class);
            var count = s.createNativeQuery("select count(*)" + where, Long.class);
            if (mentorId != null) {
                list.setParameter("mentor", mentorId);
                count.setParameter("mentor", mentorId);
            }
            if (memberId != null) {
                list.setParameter("member", memberId);
                count.setParameter("member", memberId);
            }
            return list.setFirstResult(page * size)
                    .setMaxResults(size)
                    .getResultList()
                    .chain(rows -> count.getSingleResult()
                            .map(total -> new Page(
                                    rows.stream().map(AlertRepository::view).toList(), total)));
        });
    }

    /** A mentee of a mentor, and how many of their alerts the mentor has not yet seen. */
    public record Mentee(UUID memberId, String displayName, int openAlerts) {}

    /**
     * The mentees of {@code mentorId} now (the member directory), each with their alerts not yet seen: one statement
     * (the directory's mentor index, then each mentee's unresolved alerts by theirs), what the roster needs of
     * mentor-service's own tables.
     */
    public Uni<List<Mentee>> menteesOf(UUID mentorId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select d.member_id, d.display_name, (select count(*) from mentor_alerts a"
                                        + " where a.member_id = d.member_id and a.resolved_at is null"
                                        + " and a.acknowledged_at is null) from member_directory d"
                                        + " where d.mentor_id = :mentor and not d.deleted order by d.member_id",
                                Object[].class)
                        .setParameter("mentor", mentorId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Mentee((UUID) r[0], (String) r[1], ((Number) r[2]).intValue()))
                        .toList());
    }

    /** The member's alerts not yet resolved, newest first, at most {@code limit} (no count: a dashboard's list). */
    public Uni<List<AlertView>> unresolved(UUID memberId, int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select " + COLUMNS + " from mentor_alerts a left join member_directory d"
                                        + " on d.member_id = a.member_id where a.member_id = :member"
                                        + " and a.resolved_at is null order by a.raised_at desc, a.id",
                                Object[].class)
                        .setParameter("member", memberId)
                        .setMaxResults(limit)
                        .getResultList())
                .map(rows -> rows.stream().map(AlertRepository::view).toList());
    }

    private static AlertView view(Object[] r) {
        Instant acknowledged = instant(r[9]);
        Instant resolved = instant(r[11]);
        var state = resolved != null ? State.RESOLVED : acknowledged != null ? State.ACKNOWLEDGED : State.OPEN;
        return new AlertView(
                (UUID) r[0],
                (UUID) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                ((Number) r[5]).intValue(),
                json((String) r[6]),
                date(r[7]),
                instant(r[8]),
                state.name(),
                acknowledged,
                (UUID) r[10],
                resolved);
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }

    private static LocalDate date(Object value) {
        return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("mentor_alerts.reasons is not JSON", e);
        }
    }
}
