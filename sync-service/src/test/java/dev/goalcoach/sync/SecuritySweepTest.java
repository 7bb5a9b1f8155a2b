package dev.goalcoach.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.SecuritySweep;
import dev.goalcoach.testkit.SecuritySweep.Fixture;
import dev.goalcoach.testkit.SecuritySweep.Target;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** sync-service's operations (all an admin's), from its OpenAPI document, swept by {@link SecuritySweep}. */
@QuarkusTest
class SecuritySweepTest {

    @Test
    void noOperationLetsAnyoneButAnAdminInOrAnswersBadInputWithA5xx() throws Exception {
        String admin = TestTokens.admin(UUID.randomUUID());
        // everyone but an admin is a stranger here
        List<String> strangers = List.of(TestTokens.member(UUID.randomUUID()), TestTokens.mentor(UUID.randomUUID()));
        var fixtures = new HashMap<String, Fixture>();
        fixtures.put("GET /sync/status", () -> new Target("/sync/status", admin, null, Set.of(200), strangers));
        fixtures.put("POST /sync/replay", () -> new Target("/sync/replay", admin, null, Set.of(202), strangers));
        fixtures.put(
                "GET /sync/dead-letters", () -> new Target("/sync/dead-letters", admin, null, Set.of(200), strangers));
        fixtures.put(
                "POST /sync/dead-letters/replay",
                () -> new Target("/sync/dead-letters/replay?max=10", admin, null, Set.of(200), strangers));
        fixtures.putAll(SecuritySweep.clockFixtures(admin, () -> strangers));

        var report = SecuritySweep.sweep(fixtures);
        System.out.println("sync-service security sweep: " + report);
        assertThat(report.findings()).as(report.toString()).isEmpty();
        assertThat(report.operations()).isEqualTo(fixtures.size());
        // the rebuild the owner's POST /sync/replay started runs on: the classes after this one start their own or
        // wait for the loader as they always do
    }
}
