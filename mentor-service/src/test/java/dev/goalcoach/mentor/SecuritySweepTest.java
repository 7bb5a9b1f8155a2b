package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.SecuritySweep;
import dev.goalcoach.testkit.SecuritySweep.Fixture;
import dev.goalcoach.testkit.SecuritySweep.Target;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** mentor-service's operations, from its OpenAPI document, swept by the test kit's {@link SecuritySweep}. */
@QuarkusTest
class SecuritySweepTest {

    /** A mentor with one mentee. */
    private record Pair(UUID mentor, UUID mentee, String token) {}

    private static Pair pair() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        return new Pair(mentor, DirectoryMembers.known("MEMBER", "UTC", mentor, null), TestTokens.mentor(mentor));
    }

    /** Another mentor, and a member: the mentee themselves is one too (no mentor endpoint takes a member). */
    private static List<String> strangers() {
        return List.of(
                TestTokens.mentor(DirectoryMembers.known("MENTOR", "UTC", null, null)),
                TestTokens.member(DirectoryMembers.known("MEMBER", "UTC", null, null)));
    }

    private static List<String> strangers(Pair p) {
        var all = new ArrayList<>(strangers());
        all.add(TestTokens.member(p.mentee()));
        return all;
    }

    private static String note(Pair p) {
        return as(p.token())
                .body(Map.of("memberId", p.mentee(), "text", "A note"))
                .post("/mentor/notes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void noOperationLetsAStrangerInOrAnswersBadInputWithA5xx() throws Exception {
        var fixtures = new HashMap<String, Fixture>();
        fixtures.put("POST /mentor/notes", () -> {
            var p = pair();
            return new Target(
                    "/mentor/notes",
                    p.token(),
                    Map.of("memberId", p.mentee().toString(), "text", "Ran twice"),
                    Set.of(201),
                    strangers(p));
        });
        fixtures.put("POST /mentor/chat", () -> {
            var p = pair();
            return new Target(
                    "/mentor/chat/",
                    p.token(),
                    Map.of("patientId", p.mentee().toString(), "message", "How is she doing?"),
                    Set.of(200),
                    strangers(p));
        });
        fixtures.put("GET /mentor/access-log/{member_id}", () -> {
            var p = pair();
            var strangers = new ArrayList<>(strangers());
            strangers.add(p.token()); // their mentor does not read the member's own log
            return new Target(
                    "/mentor/access-log/" + p.mentee(), TestTokens.member(p.mentee()), null, Set.of(200), strangers);
        });
        fixtures.put("GET /export/members/{memberId}", () -> {
            var p = pair();
            var strangers = new ArrayList<>(strangers());
            strangers.add(p.token()); // an export is the member's own, not their mentor's
            return new Target(
                    "/export/members/" + p.mentee(), TestTokens.member(p.mentee()), null, Set.of(200), strangers);
        });
        fixtures.put("GET /mentor/notes", () -> {
            var p = pair();
            note(p);
            return new Target("/mentor/notes?memberId=" + p.mentee(), p.token(), null, Set.of(200), strangers(p));
        });
        fixtures.put("GET /mentor/notes/{id}", () -> {
            var p = pair();
            return new Target("/mentor/notes/" + note(p), p.token(), null, Set.of(200), strangers(p));
        });
        fixtures.put("PUT /mentor/notes/{id}", () -> {
            var p = pair();
            return new Target(
                    "/mentor/notes/" + note(p), p.token(), Map.of("text", "Edited"), Set.of(200), strangers(p));
        });
        fixtures.put("DELETE /mentor/notes/{id}", () -> {
            var p = pair();
            return new Target("/mentor/notes/" + note(p), p.token(), null, Set.of(204), strangers(p));
        });
        fixtures.put("GET /mentor/chat/{mentor_id}/patients", () -> {
            var p = pair();
            return new Target("/mentor/chat/" + p.mentor() + "/patients", p.token(), null, Set.of(200), strangers(p));
        });
        fixtures.put("GET /dashboard/mentor/{mentor_id}/patient/{user_id}", () -> {
            var p = pair();
            return new Target(
                    "/dashboard/mentor/" + p.mentor() + "/patient/" + p.mentee(),
                    p.token(),
                    null,
                    Set.of(200),
                    strangers(p));
        });
        fixtures.put("GET /mentor/chat/{mentor_id}/interactions/{patient_id}", () -> {
            var p = pair();
            return new Target(
                    "/mentor/chat/" + p.mentor() + "/interactions/" + p.mentee(),
                    p.token(),
                    null,
                    Set.of(200),
                    strangers(p));
        });
        fixtures.put("GET /mentor/alerts", () -> {
            var p = pair();
            return new Target("/mentor/alerts?mentorId=" + p.mentor(), p.token(), null, Set.of(200), strangers(p));
        });
        fixtures.put("POST /mentor/alerts/{id}/acknowledge", () -> {
            var p = pair();
            return new Target(
                    "/mentor/alerts/" + AlertsTest.alert(p.mentee()) + "/acknowledge",
                    p.token(),
                    null,
                    Set.of(200),
                    strangers(p));
        });
        fixtures.putAll(SecuritySweep.clockFixtures(TestTokens.admin(UUID.randomUUID()), SecuritySweepTest::strangers));

        var report = SecuritySweep.sweep(fixtures);
        System.out.println("mentor-service security sweep: " + report);
        assertThat(report.findings()).as(report.toString()).isEmpty();
        assertThat(report.operations()).isEqualTo(fixtures.size());
    }
}
