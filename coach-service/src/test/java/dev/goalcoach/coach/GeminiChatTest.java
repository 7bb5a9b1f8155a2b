package dev.goalcoach.coach;

import static dev.goalcoach.testkit.OnGemini.STUB;
import static dev.goalcoach.testkit.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.OnGemini;
import dev.goalcoach.testkit.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat with the real Gemini client against the stub: the context goes as data, the member's words delimited. */
@ClockAt(value = ChatTest.TODAY, running = true)
@QuarkusTest
@TestProfile(OnGemini.class)
class GeminiChatTest {

    @BeforeEach
    void clear() {
        STUB.requests.clear();
    }

    @Test
    void theModelAnswersFromTheMembersNumbersAndTheMessageGoesDelimitedWithoutTheEmail() throws Exception {
        var member = ChatTest.memberWithNumbers("Europe/Lisbon", 0.7143, 4, 9);
        STUB.answer("71% this week and a 4-day streak: add one run on Monday.", 812, 40);

        asMember(member)
                .body(Map.of("message", "How am I doing? My email is ana@example.org"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("reply", equalTo("71% this week and a 4-day streak: add one run on Monday."))
                .body("provider", equalTo("gemini"))
                .body("model", equalTo(OnGemini.MODEL))
                .body("fallback", equalTo(false))
                .body("inputTokens", equalTo(812))
                .body("outputTokens", equalTo(40));

        String sent = STUB.requests.get(0).text();
        assertThat(sent)
                .contains("adherence: 7 days 71%, 30 days 80%", "streak: current 4 day(s), longest 9")
                .contains("habit: ‹Run› WEEKDAYS [MONDAY, FRIDAY]", "habit: ‹Stretch› DAILY")
                .contains("<message>\nHow am I doing? My email is [email]\n</message>")
                .doesNotContain("ana@example.org", member.toString());
        assertThat(Rows.count("select count(*) from ai_usage where member_id = '" + member
                        + "' and purpose = 'chat' and outcome = 'OK' and input_tokens = 812"))
                .isEqualTo(1);
    }

    @Test
    void whenTheModelFailsTheOfflineCoachAnswersAndSaysSo() throws Exception {
        var member = ChatTest.memberWithNumbers("Europe/Lisbon", 0.7143, 4, 9);
        STUB.fail(500).fail(503).fail(500);

        asMember(member)
                .body(Map.of("message", "how am I doing?"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("provider", equalTo("offline"))
                .body("fallback", equalTo(true))
                .body("reply", containsString("Your 7-day adherence is 71 %"));
        assertThat(STUB.count()).isEqualTo(3);
        assertThat(Rows.count("select count(*) from ai_usage where member_id = '" + member
                        + "' and purpose = 'chat' and outcome = 'SERVER_ERROR'"))
                .isEqualTo(3);
    }

    @Test
    void anAnswerWithAnInventedNumberIsAskedOnceMoreAndTheGroundedOneReachesTheMember() throws Exception {
        var member = ChatTest.memberWithNumbers("Europe/Lisbon", 0.7143, 4, 9);
        STUB.answer("You're at 64% and a 12-day streak!", 800, 20)
                .answer("You're at 71% with a 4-day streak: one more Run on Monday.", 830, 22);

        asMember(member)
                .body(Map.of("message", "How am I doing?"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("reply", equalTo("You're at 71% with a 4-day streak: one more Run on Monday."))
                .body("provider", equalTo("gemini"))
                .body("fallback", equalTo(false))
                .body("degraded", equalTo(false))
                .body("inputTokens", equalTo(1630));

        assertThat(STUB.count()).isEqualTo(2);
        // asked again with the failure named, after its own answer
        assertThat(STUB.requests.get(1).text())
                .contains("You're at 64% and a 12-day streak!")
                .contains("not grounded in the data you were given: numbers not in the context: 64%, 12");
    }

    @Test
    void anAnswerStillInventingAfterTheSecondAskIsReplacedByTheOfflineCoachsAndFlagged() throws Exception {
        var member = ChatTest.memberWithNumbers("Europe/Lisbon", 0.7143, 4, 9);
        STUB.answer("You're at 64%: keep your “Morning Swim” habit.", 800, 20)
                .answer("Sorry: 64% it is, keep your “Morning Swim” habit.", 830, 22);

        asMember(member)
                .body(Map.of("message", "How am I doing?"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("provider", equalTo("offline"))
                .body("fallback", equalTo(true))
                .body("degraded", equalTo(true))
                .body(
                        "degradedReason",
                        containsString("numbers not in the context: 64%; names not in the context:" + " Morning Swim"))
                .body("reply", containsString("Your 7-day adherence is 71 %"))
                .body("reply", not(containsString("64")));

        assertThat(STUB.count()).isEqualTo(2);
        // what the member saw is what the history keeps
        assertThat(Rows.count("select count(*) from chat_messages where member_id = '" + member
                        + "' and role = 'COACH' and provider = 'offline' and text like '%71 %%'"))
                .isEqualTo(1);
        io.restassured.RestAssured.get("/q/metrics")
                .then()
                .body(containsString("goalcoach_ai_grounding_total{outcome=\"replaced\",purpose=\"chat\"}"));
    }
}
