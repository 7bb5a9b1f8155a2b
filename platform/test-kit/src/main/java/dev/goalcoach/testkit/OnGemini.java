package dev.goalcoach.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A service with the ai-kit run with the real Gemini client, pointed at a {@link GeminiStub} on loopback (its default
 * test profile is its offline rules). Tests script the stub through {@link #STUB}.
 */
public class OnGemini implements QuarkusTestProfile {

    public static final String MODEL = "gemini-2.5-flash";
    public static final String KEY = "test-gemini-key";
    public static final GeminiStub STUB = start();

    private static GeminiStub start() {
        try {
            return new GeminiStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "goalcoach.ai.provider",
                "",
                "goalcoach.ai.gemini.api-key",
                KEY,
                "goalcoach.ai.gemini.model",
                MODEL,
                "goalcoach.ai.gemini.base-url",
                STUB.baseUrl(),
                "goalcoach.ai.gemini.timeout",
                "5s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StubLifecycle.class));
    }

    /** Nothing to start (the stub lives as long as the JVM); forgets its script between applications. */
    public static class StubLifecycle implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            STUB.clear();
            return Map.of();
        }

        @Override
        public void stop() {}
    }
}
