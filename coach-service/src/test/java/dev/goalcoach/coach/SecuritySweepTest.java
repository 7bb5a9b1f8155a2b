package dev.goalcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.SecuritySweep;
import dev.goalcoach.testkit.SecuritySweep.Fixture;
import dev.goalcoach.testkit.SecuritySweep.Target;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** coach-service's operations, from its OpenAPI document, swept by the test kit's {@link SecuritySweep}. */
@QuarkusTest
class SecuritySweepTest {

    private static UUID member() {
        return DirectoryMembers.known("MEMBER", "UTC", null, null);
    }

    private static List<String> strangers() {
        return List.of(
                TestTokens.member(member()), TestTokens.mentor(DirectoryMembers.known("MENTOR", "UTC", null, null)));
    }

    @Test
    void noOperationLetsAStrangerInOrAnswersBadInputWithA5xx() throws Exception {
        var fixtures = new HashMap<String, Fixture>();
        fixtures.put(
                "POST /chat",
                () -> new Target(
                        "/chat/",
                        TestTokens.member(member()),
                        Map.of("message", "how am I doing?"),
                        Set.of(200),
                        List.of()));
        fixtures.put("GET /chat/{user_id}/history", () -> {
            var m = member();
            return new Target("/chat/" + m + "/history", TestTokens.member(m), null, Set.of(200), strangers());
        });
        fixtures.put(
                "POST /coach/plans/preview",
                () -> new Target(
                        "/coach/plans/preview",
                        TestTokens.member(member()),
                        Map.of("title", "Read daily"),
                        Set.of(200),
                        List.of()));
        fixtures.put(
                "POST /coach/jobs/{job}/run",
                () -> new Target(
                        "/coach/jobs/reminders/run",
                        TestTokens.admin(UUID.randomUUID()),
                        null,
                        Set.of(200),
                        strangers()));
        fixtures.put("GET /feed/{groupId}", () -> {
            var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
            var group = UUID.randomUUID();
            var m = DirectoryMembers.known("MEMBER", "UTC", mentor, group);
            return new Target("/feed/" + group, TestTokens.member(m), null, Set.of(200), strangers());
        });
        fixtures.put(
                "GET /notifications",
                () -> new Target("/notifications", TestTokens.member(member()), null, Set.of(200), List.of()));
        // a member's own preferences: the path names no one, so there is no one else's to reach
        fixtures.put(
                "GET /notifications/preferences",
                () -> new Target(
                        "/notifications/preferences", TestTokens.member(member()), null, Set.of(200), List.of()));
        fixtures.put(
                "PUT /notifications/preferences",
                () -> new Target(
                        "/notifications/preferences",
                        TestTokens.member(member()),
                        Map.of(
                                "inApp",
                                true,
                                "email",
                                true,
                                "emailKinds",
                                List.of("REMINDER"),
                                "quietHours",
                                Map.of("start", "22:00", "end", "07:00")),
                        Set.of(200),
                        List.of()));
        fixtures.put("GET /export/members/{memberId}", () -> {
            var m = member();
            return new Target("/export/members/" + m, TestTokens.member(m), null, Set.of(200), strangers());
        });
        fixtures.put("GET /reports/{memberId}", () -> {
            var m = member();
            return new Target("/reports/" + m, TestTokens.member(m), null, Set.of(200), strangers());
        });
        fixtures.put("GET /reports/{memberId}/{month}", () -> {
            var m = member();
            Rows.execute("insert into reports (id, member_id, month, figures, text, provider, model, created_at)"
                    + " values ('" + UUID.randomUUID() + "', '" + m + "', '2026-10', '{}', 'A steady month.',"
                    + " 'offline', 'rules-v1', now())");
            return new Target("/reports/" + m + "/2026-10", TestTokens.member(m), null, Set.of(200), strangers());
        });
        String admin = TestTokens.admin(UUID.randomUUID());
        fixtures.putAll(SecuritySweep.clockFixtures(admin, SecuritySweepTest::strangers));

        var report = SecuritySweep.sweep(fixtures);
        System.out.println("coach-service security sweep: " + report);
        assertThat(report.findings()).as(report.toString()).isEmpty();
        assertThat(report.operations()).isEqualTo(fixtures.size());
    }
}
