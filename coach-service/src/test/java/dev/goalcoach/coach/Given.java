package dev.goalcoach.coach;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberSnapshot;
import dev.goalcoach.testkit.PostgresResource;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Members made known to coach-service the way production does it (member events on the broker), and API calls. */
final class Given {

    /** A member in {@code timezone} (with {@code mentorId} and {@code groupId} or none), once the directory has them. */
    static UUID member(String timezone, UUID mentorId, UUID groupId) {
        var id = UUID.randomUUID();
        var now = Instant.now();
        TestPublisher.publish(
                EventCatalog.MEMBER_CREATED,
                id,
                UUID.randomUUID(),
                new MemberSnapshot(id, "Member", "MEMBER", timezone, mentorId, groupId, 1, now, now));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from member_directory where member_id = '" + id + "'") == 1);
        return id;
    }

    static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(token));
    }

    static RequestSpecification asMember(UUID member) {
        return as(TestTokens.member(member));
    }

    static long count(String sql) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(String sql) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase)) {
            c.createStatement().execute(sql);
        }
    }

    private Given() {}
}
