package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /checkins/import}: an admin brings in a member's past check-ins (a demo's history, a migration) as
 * far back as a year, logged and published exactly as the member's own; nobody else may.
 */
@ClockAt("2026-11-25T12:00:00Z")
@QuarkusTest
class CheckinImportTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private static String admin() {
        return TestTokens.admin(DirectoryMembers.known("ADMIN", "UTC", null, null));
    }

    private static List<Map<String, Object>> days(String habit, int from, int to) {
        var items = new ArrayList<Map<String, Object>>();
        for (int back = from; back >= to; back--) {
            items.add(Map.of("habitId", habit, "date", TODAY.minusDays(back).toString()));
        }
        return items;
    }

    @Test
    void anAdminImportsNinetyDaysPublishedAsTheMembersOwn() throws Exception {
        var member = Given.member("UTC", null);
        var goal = Given.goalWithHabits(member, TODAY.minusDays(120).toString());
        var body = Map.of("memberId", member.toString(), "checkins", days(goal.dailyHabit(), 90, 1));

        as(admin()).body(body).post("/checkins/import").then().statusCode(200);

        assertThat(Rows.count("select count(*) from checkins where member_id = '" + member + "'"))
                .isEqualTo(90);
        assertThat(Rows.count("select count(*) from checkins where member_id = '" + member + "' and local_date = date '"
                        + TODAY.minusDays(90) + "'"))
                .isEqualTo(1);
        var published = PublishedRecords.await(
                Topics.CHECKINS,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.CHECKIN_LOGGED.type()),
                90,
                Duration.ofSeconds(30));
        assertThat(published).hasSize(90);
        // the member reads them as their own
        assertThat(as(TestTokens.member(member))
                        .get("/checkins?from=" + TODAY.minusDays(90) + "&to=" + TODAY)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$"))
                .hasSize(90);

        // again: nothing new is created, nothing published twice
        as(admin())
                .body(body)
                .post("/checkins/import")
                .then()
                .statusCode(200)
                .body("created", org.hamcrest.Matchers.is(0));
        assertThat(PublishedRecords.written(member, Topics.CHECKINS).stream()
                        .filter(r -> EventCatalog.CHECKIN_LOGGED.type().equals(r.type())))
                .hasSize(90);
    }

    @Test
    void onlyAnAdminImportsAndOnlyWithinAYearAndTheHabitsLife() {
        var member = Given.member("UTC", null);
        var other = Given.member("UTC", null);
        var goal = Given.goalWithHabits(member, TODAY.minusDays(400).toString());
        var young = Given.goalWithHabits(member, TODAY.minusDays(10).toString());
        var theirs = Given.goalWithHabits(other, TODAY.minusDays(10).toString());

        var fine = Map.of("memberId", member.toString(), "checkins", days(goal.dailyHabit(), 3, 1));
        as(TestTokens.member(member)).body(fine).post("/checkins/import").then().statusCode(403);
        as(TestTokens.mentor(Given.mentor()))
                .body(fine)
                .post("/checkins/import")
                .then()
                .statusCode(403);

        as(admin())
                .body(Map.of("memberId", member.toString(), "checkins", days(goal.dailyHabit(), 367, 367)))
                .post("/checkins/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("checkins[0]"))
                .body("detail", containsString("366 days"));
        as(admin())
                .body(Map.of("memberId", member.toString(), "checkins", days(young.dailyHabit(), 12, 8)))
                .post("/checkins/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("before the habit started"));
        // another member's habit, or a member who is not there: no such habit for them
        as(admin())
                .body(Map.of("memberId", member.toString(), "checkins", days(theirs.dailyHabit(), 2, 1)))
                .post("/checkins/import")
                .then()
                .statusCode(404);
        as(admin())
                .body(Map.of("memberId", UUID.randomUUID().toString(), "checkins", days(goal.dailyHabit(), 2, 1)))
                .post("/checkins/import")
                .then()
                .statusCode(404);
        as(admin())
                .body(Map.of("checkins", days(goal.dailyHabit(), 2, 1)))
                .post("/checkins/import")
                .then()
                .statusCode(400);
        // all or nothing: the refusals stored nothing
        assertThatNoCheckins(member);
    }

    private static void assertThatNoCheckins(UUID member) {
        try {
            assertThat(Rows.count("select count(*) from checkins where member_id = '" + member + "'"))
                    .isZero();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
