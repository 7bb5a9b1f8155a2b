package dev.goalcoach.kit.members;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.events.MemberSnapshot;
import dev.goalcoach.kit.inbox.Inbox;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A service's projection of {@code goalcoach.members}: who each member is, their role, time zone, mentor and
 * group. Applying an event is idempotent (inbox) and order-safe (an older revision never overwrites a newer
 * one; an erased member stays erased).
 */
@ApplicationScoped
public class MemberDirectory {

    static final String CONSUMER = "member-directory";

    /** What a service knows about a member. */
    public record Entry(UUID memberId, String displayName, String role, String timezone, UUID mentorId, UUID groupId) {}

    private static final String UPSERT = "insert into member_directory (member_id, display_name, role, timezone,"
            + " mentor_id, group_id, revision, deleted, updated_at)"
            + " values (:id, :name, :role, :tz, cast(:mentor as uuid), cast(:grp as uuid), :rev, false, now())"
            + " on conflict (member_id) do update set display_name = excluded.display_name, role = excluded.role,"
            + " timezone = excluded.timezone, mentor_id = excluded.mentor_id, group_id = excluded.group_id,"
            + " revision = excluded.revision, updated_at = now()"
            + " where member_directory.revision < excluded.revision and not member_directory.deleted";

    private static final String TOMBSTONE = "insert into member_directory (member_id, revision, deleted, updated_at)"
            + " values (:id, :rev, true, now())"
            + " on conflict (member_id) do update set display_name = null, role = null, timezone = null,"
            + " mentor_id = null, group_id = null, revision = greatest(member_directory.revision, excluded.revision),"
            + " deleted = true, updated_at = now()";

    private final Inbox inbox;
    private final Instance<MemberErasure> erasures;
    private final Pool pool;

    public MemberDirectory(Inbox inbox, Instance<MemberErasure> erasures, Pool pool) {
        this.inbox = inbox;
        this.erasures = erasures;
        this.pool = pool;
    }

    /** The member, unless unknown or erased. Needs a session. */
    public Uni<Optional<Entry>> find(UUID memberId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select member_id, display_name, role, timezone, mentor_id, group_id"
                                        + " from member_directory where member_id = :id and not deleted",
                                Object[].class)
                        .setParameter("id", memberId)
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(MemberDirectory::entry));
    }

    /**
     * True when the member was erased ({@code member.deleted} seen): work that was under way for them (a model call,
     * say) must not store anything after the erasure. False for members alive or not yet known. Needs a session.
     */
    public Uni<Boolean> erased(UUID memberId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select count(*) from member_directory where member_id = :id and deleted", Long.class)
                        .setParameter("id", memberId)
                        .getSingleResult())
                .map(n -> n > 0);
    }

    /**
     * The member's role as this service last heard it: {@code MEMBER} once erased, empty when the member is not
     * known here (yet). Asked of every request with a mentor's or an admin's token before it is let in, so it is
     * one statement on a pooled connection, no session.
     */
    public Uni<Optional<String>> currentRole(UUID memberId) {
        return pool.preparedQuery("select role, deleted from member_directory where member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    String role = row.getString(0);
                    return Optional.of(Boolean.TRUE.equals(row.getBoolean(1)) || role == null ? Roles.MEMBER : role);
                });
    }

    /** Everyone mentored by {@code mentorId}. Needs a session. */
    public Uni<List<Entry>> menteesOf(UUID mentorId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select member_id, display_name, role, timezone, mentor_id, group_id"
                                        + " from member_directory where mentor_id = :id and not deleted"
                                        + " order by member_id",
                                Object[].class)
                        .setParameter("id", mentorId)
                        .getResultList())
                .map(rows -> rows.stream().map(MemberDirectory::entry).toList());
    }

    /**
     * Applies one checked event from {@code goalcoach.members} in a transaction of its own. Types the directory
     * does not use (group events) are recorded and skipped.
     */
    public Uni<Void> apply(ReceivedEvent event) {
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event.id())
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().voidItem();
                    }
                    if (event.is(EventCatalog.MEMBER_CREATED) || event.is(EventCatalog.MEMBER_UPDATED)) {
                        return upsert(event.data(EventCatalog.MEMBER_UPDATED));
                    }
                    if (event.is(EventCatalog.MEMBER_DELETED)) {
                        var deleted = event.data(EventCatalog.MEMBER_DELETED);
                        return tombstone(deleted).chain(() -> eraseEverywhere(deleted.memberId()));
                    }
                    return Uni.createFrom().voidItem();
                }));
    }

    private Uni<Void> upsert(MemberSnapshot m) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(UPSERT)
                        .setParameter("id", m.memberId())
                        .setParameter("name", m.displayName())
                        .setParameter("role", m.role())
                        .setParameter("tz", m.timezone())
                        .setParameter("mentor", m.mentorId())
                        .setParameter("grp", m.groupId())
                        .setParameter("rev", m.revision())
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> tombstone(MemberDeleted d) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(TOMBSTONE)
                        .setParameter("id", d.memberId())
                        .setParameter("rev", d.revision())
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> eraseEverywhere(UUID memberId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MemberErasure erasure : erasures) {
            chain = chain.chain(() -> erasure.erase(memberId));
        }
        return chain;
    }

    private static Entry entry(Object[] row) {
        return new Entry(
                (UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (UUID) row[4], (UUID) row[5]);
    }
}
