package dev.goalcoach.kit.ai;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which model answers: {@code gemini} (the langchain4j Gemini client; used when {@code GEMINI_API_KEY} is set) or
 * {@code offline} (the service's own rules, the default without a key); {@code GOALCOACH_AI_PROVIDER} overrides.
 * The client itself does not retry: {@link ModelCalls} does, with backoff, under a circuit breaker.
 */
@ApplicationScoped
public class AiModel {

    public static final String GEMINI = "gemini";
    public static final String OFFLINE = "offline";

    private static final Logger LOG = Logger.getLogger(AiModel.class);

    private final String provider;
    private final String model;
    private final ChatModel chat;

    public AiModel(AiConfig config) {
        var gemini = config.gemini();
        Optional<String> key = gemini.apiKey().filter(k -> !k.isBlank());
        this.provider = config.provider()
                .filter(p -> !p.isBlank())
                .map(p -> p.strip().toLowerCase(Locale.ROOT))
                .orElse(key.isPresent() ? GEMINI : OFFLINE);
        switch (provider) {
            case GEMINI -> {
                if (key.isEmpty()) {
                    throw new IllegalStateException("GOALCOACH_AI_PROVIDER=gemini needs GEMINI_API_KEY");
                }
                this.model = gemini.model();
                var builder = GoogleAiGeminiChatModel.builder()
                        .httpClientBuilder(JdkHttpClient.builder())
                        .apiKey(key.get())
                        .modelName(model)
                        .timeout(gemini.timeout())
                        .maxRetries(0);
                gemini.baseUrl().filter(u -> !u.isBlank()).ifPresent(builder::baseUrl);
                this.chat = builder.build();
            }
            case OFFLINE -> {
                this.model = config.offlineModel();
                this.chat = null;
            }
            default ->
                throw new IllegalStateException("GOALCOACH_AI_PROVIDER must be gemini or offline, not " + provider);
        }
        LOG.infof("model: %s (%s)", provider, model);
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    /** True when a model answers; false for the offline rules. */
    public boolean online() {
        return chat != null;
    }

    ChatModel chatModel() {
        return chat;
    }
}
