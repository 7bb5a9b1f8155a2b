package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Races;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Two writes to one member that read the same revision never silently lose one (optimistic locking on the
 * revision, the loser re-run on the winner's row), every committed change is published once with its own
 * revision, and a client that names the revision it read (If-Match) is told when it changed (412).
 */
@QuarkusTest
class ConcurrentEditsTest {

    private static final String PASSWORD = "Correct-horse-9";

    private static long revision(String token, UUID id) {
        String etag =
                as(token).get("/members/" + id).then().statusCode(200).extract().header("ETag");
        return Long.parseLong(etag.replace("\"", ""));
    }

    /** The revisions of the member.updated events written for {@code id}, in the order they were published. */
    private static List<Long> publishedRevisions(UUID id) throws Exception {
        var json = new ObjectMapper();
        var revisions = new ArrayList<Long>();
        for (var r : PublishedRecords.written(id, Topics.MEMBERS)) {
            if (r.type().contains("member.updated")) {
                revisions.add(json.readTree(r.data()).path("revision").asLong());
            }
        }
        return revisions;
    }

    private static String lock(UUID id) {
        return "select 1 from members where id = '" + id + "' for update";
    }

    @Test
    void anAdminsMentorAssignmentAndTheMembersOwnEditBothLand() throws Exception {
        String root = Api.adminToken();
        String email = Api.uniqueEmail("race");
        UUID member = Api.register(email, "UTC");
        String own = Api.login(email, PASSWORD);
        UUID mentor = Api.createMentor(root);
        Api.verifyEmail(member); // a mentor is given to a verified address only
        long before = revision(root, member);

        List<Callable<Integer>> writes = List.of(
                () -> as(root).body(Map.of("mentorId", mentor.toString()))
                        .put("/members/" + member + "/mentor")
                        .then()
                        .extract()
                        .statusCode(),
                () -> as(own).body(Map.of("displayName", "Renamed", "timezone", "Europe/Paris"))
                        .put("/members/" + member)
                        .then()
                        .extract()
                        .statusCode());
        assertThat(Races.collide(lock(member), 2, writes)).containsExactly(200, 200);

        as(root).get("/members/" + member)
                .then()
                .statusCode(200)
                .header("ETag", "\"" + (before + 2) + "\"")
                .body("revision", equalTo((int) before + 2))
                .body("mentorId", equalTo(mentor.toString()))
                .body("displayName", equalTo("Renamed"))
                .body("timezone", equalTo("Europe/Paris"));
        assertThat(publishedRevisions(member)).containsExactly(before + 1, before + 2);
    }

    @Test
    void ifMatchAppliesAChangeOnlyToTheRevisionTheClientRead() {
        String email = Api.uniqueEmail("etag");
        UUID member = Api.register(email, "UTC");
        String own = Api.login(email, PASSWORD);
        long read = revision(own, member);

        as(own).header("If-Match", "\"" + read + "\"")
                .body(Map.of("displayName", "First"))
                .put("/members/" + member)
                .then()
                .statusCode(200)
                .header("ETag", "\"" + (read + 1) + "\"");
        // a second client that read the same revision is told, and changes nothing
        as(own).header("If-Match", "\"" + read + "\"")
                .body(Map.of("displayName", "Second"))
                .put("/members/" + member)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("status", equalTo(412));
        // a weak tag never matches (If-Match compares strongly); garbage matches nothing
        for (String tag : new String[] {"W/\"" + (read + 1) + "\"", "\"abc\"", "soon"}) {
            as(own).header("If-Match", tag)
                    .body(Map.of("displayName", "Third"))
                    .put("/members/" + member)
                    .then()
                    .statusCode(412);
        }
        as(own).get("/members/" + member).then().body("displayName", equalTo("First"));
        // * and no If-Match at all apply to whatever is current
        as(own).header("If-Match", "*")
                .body(Map.of("displayName", "Fourth"))
                .put("/members/" + member)
                .then()
                .statusCode(200);
        as(own).body(Map.of("displayName", "Fifth"))
                .put("/members/" + member)
                .then()
                .statusCode(200)
                .header("ETag", "\"" + (read + 3) + "\"");
    }

    @Test
    void twoClientsWithTheSameIfMatchRacingOneWinsTheOtherGets412() throws Exception {
        String root = Api.adminToken();
        String email = Api.uniqueEmail("ifmatch-race");
        UUID member = Api.register(email, "UTC");
        String own = Api.login(email, PASSWORD);
        String tag = "\"" + revision(own, member) + "\"";

        List<Callable<Integer>> writes = List.of(
                () -> as(own).header("If-Match", tag)
                        .body(Map.of("displayName", "Mine"))
                        .put("/members/" + member)
                        .then()
                        .extract()
                        .statusCode(),
                () -> as(root).header("If-Match", tag)
                        .body(Map.of("timezone", "Asia/Tokyo"))
                        .put("/members/" + member)
                        .then()
                        .extract()
                        .statusCode());
        assertThat(Races.collide(lock(member), 2, writes)).containsExactlyInAnyOrder(200, 412);
    }
}
