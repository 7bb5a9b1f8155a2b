package dev.goalcoach.coach.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.coach.offline.OfflineCoach;
import dev.goalcoach.kit.ai.GroundedAnswers;
import dev.goalcoach.kit.ai.Grounding;
import dev.goalcoach.testkit.Evaluation;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The coach's evaluation set against the real Gemini API — an opt-in run, only with {@code GEMINI_API_KEY} set
 * (skipped in the build: no key and no network here). Each question goes as the chat sends it (ChatCoach's
 * instructions, the constructed member's context, the question delimited); an answer the grounding guard refuses is
 * asked once more as {@link GroundedAnswers} does, and what would reach the member (the grounded answer, or the
 * offline coach's) is held to the case's facts and claims. Writes {@code bench/eval-gemini-coach.md}: pass rate,
 * grounding failures (first answers, and after the second ask), tokens, and the cost when
 * {@code GOALCOACH_EVAL_PRICE_INPUT} and {@code GOALCOACH_EVAL_PRICE_OUTPUT} (USD per million tokens) are given.
 * {@code GOALCOACH_GEMINI_MODEL} picks the model (gemini-2.5-flash).
 */
@EnabledIfEnvironmentVariable(named = "GEMINI_API_KEY", matches = ".+")
class GeminiEvaluationTest {

    @Test
    void theCoachOnGeminiAgainstTheEvaluationSet() throws IOException {
        String modelName = System.getenv().getOrDefault("GOALCOACH_GEMINI_MODEL", "gemini-2.5-flash");
        ChatModel model = GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(JdkHttpClient.builder())
                .apiKey(System.getenv("GEMINI_API_KEY"))
                .modelName(modelName)
                .timeout(Duration.ofSeconds(30))
                .maxRetries(2)
                .build();
        var members = Evaluation.read("eval/coach-members.json");
        LocalDate today = LocalDate.parse(members.path("today").asText());
        var contexts = new HashMap<String, CoachContext>();
        members.path("members")
                .fields()
                .forEachRemaining(e -> contexts.put(
                        e.getKey(), CoachEvaluationTest.context(members.path("members"), e.getKey(), today)));

        var evaluation = new Evaluation();
        var notes = new ArrayList<String>();
        int firstUngrounded = 0;
        int replaced = 0;
        long input = 0;
        long output = 0;
        for (JsonNode c : Evaluation.read("eval/coach-questions.json").path("cases")) {
            evaluation.startCase();
            var ctx = contexts.get(c.path("member").asText());
            String context = ChatCoach.contextAsData(ctx);
            for (JsonNode q : c.path("q")) {
                var messages = new ArrayList<ChatMessage>(ChatCoach.messages(context, List.of(), q.asText()));
                String answer = null;
                String ungrounded = null;
                for (int attempt = 0; attempt < 2 && answer == null; attempt++) {
                    ChatResponse response =
                            model.chat(ChatRequest.builder().messages(messages).build());
                    var usage = response.tokenUsage();
                    if (usage != null) {
                        input += usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
                        output += usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
                    }
                    String text = response.aiMessage().text() == null
                            ? ""
                            : response.aiMessage().text().strip();
                    var verdict = Grounding.check(text, context, ctx.titles(), ChatCoach.counts(ctx));
                    if (verdict.grounded()) {
                        answer = text;
                    } else {
                        firstUngrounded += attempt == 0 ? 1 : 0;
                        ungrounded = verdict.reason();
                        messages.add(AiMessage.from(text));
                        messages.add(UserMessage.from(GroundedAnswers.repair(ungrounded)));
                    }
                }
                if (answer == null) {
                    replaced++;
                    answer = new OfflineCoach().reply(q.asText(), ctx);
                }
                evaluation.check(c, q.asText(), answer, null, 0);
                if (ungrounded != null) {
                    notes.add(c.path("id").asText() + " — " + q.asText() + ": " + ungrounded);
                }
            }
        }
        String in = System.getenv("GOALCOACH_EVAL_PRICE_INPUT");
        String out = System.getenv("GOALCOACH_EVAL_PRICE_OUTPUT");
        String cost = in == null || out == null
                ? "not computed (set GOALCOACH_EVAL_PRICE_INPUT and GOALCOACH_EVAL_PRICE_OUTPUT, USD per million tokens)"
                : String.format("%.4f USD", (input * Double.parseDouble(in) + output * Double.parseDouble(out)) / 1e6);
        String summary = evaluation.summary("the coach on " + modelName)
                + String.format(
                        "; first answers not grounded: %d; replaced by the offline coach after the second ask: %d; tokens: %d"
                                + " in, %d out; cost: %s",
                        firstUngrounded, replaced, input, output, cost);
        evaluation.report(Path.of("..", "bench", "eval-gemini-coach.md"), summary);
        System.out.println(summary);
        notes.forEach(n -> System.out.println("  not grounded at first: " + n));
    }
}
