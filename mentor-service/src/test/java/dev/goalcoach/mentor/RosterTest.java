package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A mentor's roster: every mentee of theirs, with analytics-service's figures (their token relayed), riskiest
 * first; without analytics-service the same mentees without figures, and it says so. Theirs only.
 */
@QuarkusTest
class RosterTest {

    @Test
    void theRosterListsEveryMenteeRiskiestFirstWithAnalyticsFigures() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var calm = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var slipping = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var fresh = DirectoryMembers.known("MEMBER", "UTC", mentor, null); // no figures yet
        DirectoryMembers.known("MEMBER", "UTC", null, null); // someone else's
        UpstreamStub.ROSTERS.put(
                mentor,
                List.of(
                        UpstreamStub.rosterEntry(calm, "Member", 10, "LOW", List.of()),
                        UpstreamStub.rosterEntry(slipping, "Member", 75, "HIGH", List.of())));
        var token = TestTokens.mentor(mentor);
        UpstreamStub.AUTHORIZATIONS.clear();

        as(token)
                .get("/mentor/chat/" + mentor + "/patients")
                .then()
                .statusCode(200)
                .body("metrics", equalTo("analytics-service"))
                .body("patients.memberId", contains(slipping.toString(), calm.toString(), fresh.toString()))
                .body("patients[0].riskLevel", equalTo("HIGH"))
                .body("patients[0].adherence7", equalTo(0.5f))
                .body("patients[2].riskScore", nullValue());
        assertThat(UpstreamStub.AUTHORIZATIONS).contains("Bearer " + token);

        // analytics-service down: the same mentees, no figures, and the answer says so
        UpstreamStub.analyticsDown = true;
        try {
            as(token)
                    .get("/mentor/chat/" + mentor + "/patients")
                    .then()
                    .statusCode(200)
                    .body("metrics", equalTo("unavailable"))
                    .body("patients.memberId.size()", equalTo(3))
                    .body("patients[0].riskScore", nullValue());
        } finally {
            UpstreamStub.analyticsDown = false;
        }
    }

    @Test
    void aRosterIsItsMentorsAndAnAdminsOnly() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var other = DirectoryMembers.known("MENTOR", "UTC", null, null);
        DirectoryMembers.known("MEMBER", "UTC", mentor, null);

        as(TestTokens.mentor(other))
                .get("/mentor/chat/" + mentor + "/patients")
                .then()
                .statusCode(404);
        as(TestTokens.member(UUID.randomUUID()))
                .get("/mentor/chat/" + mentor + "/patients")
                .then()
                .statusCode(403);
        as(TestTokens.admin(UUID.randomUUID()))
                .get("/mentor/chat/" + mentor + "/patients")
                .then()
                .statusCode(200)
                .body("patients.size()", equalTo(1));
    }
}
