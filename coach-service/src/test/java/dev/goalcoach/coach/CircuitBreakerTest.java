package dev.goalcoach.coach;

import static dev.goalcoach.testkit.OnGemini.STUB;
import static dev.goalcoach.testkit.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.OnGemini;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A model that keeps failing trips the circuit: later requests get the offline coach without calling it. */
@QuarkusTest
@TestProfile(CircuitBreakerTest.Trippable.class)
class CircuitBreakerTest {

    /** The Gemini profile with the production-like breaker (4 calls, half failing, open for a minute). */
    public static class Trippable extends OnGemini {
        @Override
        public Map<String, String> getConfigOverrides() {
            var config = new HashMap<>(super.getConfigOverrides());
            config.put("dev.goalcoach.kit.ai.ModelCalls/chat/CircuitBreaker/requestVolumeThreshold", "4");
            config.put("dev.goalcoach.kit.ai.ModelCalls/chat/CircuitBreaker/delay", "60000");
            config.put("dev.goalcoach.kit.ai.ModelCalls/chat/CircuitBreaker/delayUnit", "MILLIS");
            return config;
        }
    }

    private static String preview(UUID member) {
        return asMember(member)
                .body(Map.of("title", "Run 3 times a week"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(200)
                .extract()
                .path("outcome");
    }

    @Test
    void afterRepeatedFailuresTheModelIsNotCalledAndTheOfflinePlanAnswers() {
        var member = UUID.randomUUID();
        // nothing queued: every call is a 500; one preview is a call and its two retries
        assertThat(preview(member)).isEqualTo("FALLBACK");
        assertThat(preview(member)).isEqualTo("FALLBACK");
        int calls = STUB.count();
        assertThat(calls).isBetween(4, 6);

        STUB.answer("{\"rationale\": \"r\", \"subgoals\": [], \"habits\": [{\"title\": \"Run\","
                + " \"scheduleType\": \"TIMES_PER_WEEK\", \"timesPerWeek\": 3}]}");
        assertThat(preview(member)).isEqualTo("FALLBACK");
        assertThat(STUB.count())
                .as("the open circuit kept the call from the model")
                .isEqualTo(calls);
        STUB.clear();
    }
}
