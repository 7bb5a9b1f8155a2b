package dev.goalcoach.testkit;

import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.events.MemberSnapshot;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * People made known to the service under test the way production does it: a {@code member.created} on the broker,
 * awaited until the service's member directory (in {@link PostgresResource#currentDatabase}) holds them.
 */
public final class DirectoryMembers {

    /** A new member of {@code role} in {@code timezone}, with {@code mentorId} and {@code groupId} or none. */
    public static UUID known(String role, String timezone, UUID mentorId, UUID groupId) {
        var id = UUID.randomUUID();
        var now = TestNow.instant();
        String name = role.charAt(0) + role.substring(1).toLowerCase();
        TestPublisher.publish(
                EventCatalog.MEMBER_CREATED,
                id,
                UUID.randomUUID(),
                new MemberSnapshot(id, name, role, timezone, mentorId, groupId, 1, now, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> inDirectory(id));
        return id;
    }

    /** A {@code member.updated} giving {@code id} the role {@code role} at {@code revision}, awaited in the directory. */
    public static void roleChanged(UUID id, String role, long revision) {
        var now = TestNow.instant();
        TestPublisher.publish(
                EventCatalog.MEMBER_UPDATED,
                id,
                UUID.randomUUID(),
                new MemberSnapshot(id, "Changed", role, "UTC", null, null, revision, now, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> role.equals(directoryRole(id)));
    }

    /** A {@code member.updated} giving member {@code id} the mentor {@code mentorId} (null: none) at {@code revision}. */
    public static void mentorChanged(UUID id, UUID mentorId, long revision) {
        var now = TestNow.instant();
        TestPublisher.publish(
                EventCatalog.MEMBER_UPDATED,
                id,
                UUID.randomUUID(),
                new MemberSnapshot(id, "Member", "MEMBER", "UTC", mentorId, null, revision, now, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> Objects.equals(mentorId, directoryMentor(id)));
    }

    private static UUID directoryMentor(UUID id) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var rs = c.createStatement()
                        .executeQuery("select mentor_id from member_directory where member_id = '" + id + "'")) {
            return rs.next() ? (UUID) rs.getObject(1) : null;
        }
    }

    /** A {@code member.deleted} for {@code id}, awaited until the directory holds the tombstone. */
    public static void erased(UUID id) {
        TestPublisher.publish(
                EventCatalog.MEMBER_DELETED, id, UUID.randomUUID(), new MemberDeleted(id, 1_000, TestNow.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> directoryRole(id) == null && inDirectory(id));
    }

    private static String directoryRole(UUID id) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var rs = c.createStatement()
                        .executeQuery("select role from member_directory where member_id = '" + id + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean inDirectory(UUID id) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var rs = c.createStatement()
                        .executeQuery("select count(*) from member_directory where member_id = '" + id + "'")) {
            rs.next();
            return rs.getLong(1) == 1;
        }
    }

    private DirectoryMembers() {}
}
