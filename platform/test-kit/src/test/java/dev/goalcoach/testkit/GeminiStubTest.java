package dev.goalcoach.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real langchain4j Gemini client against {@link GeminiStub}: what coach-service's tests stand on. */
class GeminiStubTest {

    private static GoogleAiGeminiChatModel client(GeminiStub stub, int retries) {
        return GoogleAiGeminiChatModel.builder()
                .baseUrl(stub.baseUrl())
                .apiKey("test-key")
                .modelName("gemini-2.5-flash")
                .timeout(Duration.ofSeconds(5))
                .maxRetries(retries)
                .build();
    }

    @Test
    void theClientGetsTheScriptedAnswerWithItsTokensAndSendsItsKeyModelAndText() throws Exception {
        try (var stub = new GeminiStub()) {
            stub.answer("Keep going: three runs this week.", 42, 7);

            var response = client(stub, 0)
                    .chat(ChatRequest.builder()
                            .messages(SystemMessage.from("You are a coach."), UserMessage.from("How am I doing?"))
                            .build());

            assertThat(response.aiMessage().text()).isEqualTo("Keep going: three runs this week.");
            assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(42);
            assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(7);
            assertThat(stub.requests).hasSize(1);
            var request = stub.requests.get(0);
            assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
            assertThat(request.apiKey()).isEqualTo("test-key");
            assertThat(request.text()).contains("How am I doing?", "You are a coach.");
        }
    }

    @Test
    void aRateLimitedCallIsRetriedByTheClientAndThenAnswered() throws Exception {
        try (var stub = new GeminiStub()) {
            stub.fail(429).answer("ok");

            var response = client(stub, 2).chat(UserMessage.from("hi"));

            assertThat(response.aiMessage().text()).isEqualTo("ok");
            assertThat(stub.count()).isEqualTo(2);
        }
    }

    @Test
    void aServerErrorReachesTheCallerWhenRetriesAreOffAndNothingQueuedIsNeverAnAnswer() throws Exception {
        try (var stub = new GeminiStub()) {
            stub.fail(500);
            var client = client(stub, 0);
            assertThatThrownBy(() -> client.chat(UserMessage.from("hi"))).isInstanceOf(RuntimeException.class);
            // nothing queued: 500 again, never an invented answer
            assertThatThrownBy(() -> client.chat(UserMessage.from("hi"))).isInstanceOf(RuntimeException.class);
            assertThat(stub.count()).isEqualTo(2);
        }
    }
}
