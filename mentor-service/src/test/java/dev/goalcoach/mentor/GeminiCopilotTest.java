package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.OnGemini.STUB;
import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.OnGemini;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The copilot through the real Gemini client (langchain4j) against the loopback stub: the mentee's figures go as
 * data, the question delimited and redacted, no id, name or journal text; the call is in the usage ledger; a
 * failing model is replaced by the offline copilot, and the answer says so.
 */
@QuarkusTest
@TestProfile(OnGemini.class)
class GeminiCopilotTest {

    @Test
    void theModelAnswersFromTheFiguresItWasGiven() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        STUB.requests.clear();
        STUB.answer("Her 7-day adherence is 43 %; ask what got in the way this week.", 120, 30);

        as(TestTokens.mentor(mentor))
                .body(Map.of("patientId", mentee.toString(), "message", "How is she doing? Mail me at mo@example.org"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body("reply", equalTo("Her 7-day adherence is 43 %; ask what got in the way this week."))
                .body("provider", equalTo("gemini"))
                .body("model", equalTo(OnGemini.MODEL))
                .body("fallback", equalTo(false))
                .body("inputTokens", equalTo(120))
                .body("outputTokens", equalTo(30));

        String sent = STUB.requests.get(0).text();
        assertThat(sent)
                .contains("adherence: 7 days 43 %, 30 days 61 %, 90 days 70 %")
                .contains("risk: HIGH (62/100): adherence 43 % this week")
                .contains("last 7 days: met 3 of 7; the 7 before: met 6 of 7")
                .contains("<question>\nHow is she doing? Mail me at [email]\n</question>")
                .doesNotContain(mentee.toString(), "mo@example.org", "Shared words");
        assertThat(Rows.count("select count(*) from ai_usage where member_id = '" + mentor
                        + "' and purpose = 'copilot' and provider = 'gemini' and input_tokens = 120"
                        + " and output_tokens = 30 and outcome = 'OK'"))
                .isEqualTo(1);
    }

    @Test
    void aFailingModelIsReplacedByTheOfflineCopilot() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        STUB.fail(500).fail(500).fail(500);

        as(TestTokens.mentor(mentor))
                .body(Map.of("patientId", mentee.toString(), "message", "How is she doing?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body("reply", containsString("adherence 43 % over the last 7 days"))
                .body("provider", equalTo("offline"))
                .body("fallback", equalTo(true));
    }

    @Test
    void anAnswerInventingAFigureTwiceNeverReachesTheMentor() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        STUB.requests.clear();
        STUB.answer("Her 7-day adherence is 55 %, up from last week.", 120, 30)
                .answer("Sorry: 55 % this week.", 140, 10);

        as(TestTokens.mentor(mentor))
                .body(Map.of("patientId", mentee.toString(), "message", "How is she doing?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200)
                .body("provider", equalTo("offline"))
                .body("fallback", equalTo(true))
                .body("degraded", equalTo(true))
                .body("degradedReason", containsString("numbers not in the context: 55%"))
                .body("reply", containsString("adherence 43 % over the last 7 days"))
                .body("reply", not(containsString("55")));

        assertThat(STUB.requests).hasSize(2);
        assertThat(STUB.requests.get(1).text())
                .contains("Her 7-day adherence is 55 %, up from last week.")
                .contains("not grounded in the data you were given: numbers not in the context: 55%");
    }
}
