package dev.goalcoach.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Gemini API's {@code generateContent} endpoint ({@code POST
 * /v1beta/models/{model}:generateContent}), on loopback over plain HTTP, for the real langchain4j Gemini client
 * (its {@code baseUrl} set to {@link #baseUrl()}). It records every request (path, API key header, body) and answers
 * from a script the test queues: a model text (in Gemini's answer shape, with token counts), or an HTTP error
 * (429, 500, ...) in Google's error shape. With nothing queued it answers 500, so that a test never passes on an
 * answer it did not ask for.
 */
public final class GeminiStub implements AutoCloseable {

    /** One request as the client sent it. */
    public record Request(String path, String apiKey, JsonNode body) {

        /** All the text the request's contents carry, joined. */
        public String text() {
            var out = new StringBuilder();
            body.path("contents")
                    .forEach(content -> content.path("parts")
                            .forEach(part ->
                                    out.append(part.path("text").asText("")).append('\n')));
            body.path("systemInstruction")
                    .path("parts")
                    .forEach(part -> out.append(part.path("text").asText("")).append('\n'));
            return out.toString();
        }
    }

    private record Reply(int status, String text, int promptTokens, int answerTokens) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    public GeminiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to give the client: {@code http://127.0.0.1:<port>/v1beta}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta";
    }

    /** Queues a model answer with this text and these token counts. */
    public GeminiStub answer(String text, int promptTokens, int answerTokens) {
        script.add(new Reply(200, text, promptTokens, answerTokens));
        return this;
    }

    /** Queues a model answer with this text. */
    public GeminiStub answer(String text) {
        return answer(text, 10, 10);
    }

    /** Queues an HTTP error (429 rate limited, 500, 503 ...). */
    public GeminiStub fail(int status) {
        script.add(new Reply(status, null, 0, 0));
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            requests.add(new Request(
                    path,
                    ex.getRequestHeaders().getFirst("x-goog-api-key"),
                    body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body)));
            Reply reply = script.poll();
            if (!"POST".equals(ex.getRequestMethod()) || !path.matches("/v1beta/models/[^/:]+:generateContent")) {
                reply = new Reply(404, null, 0, 0);
            } else if (reply == null) {
                reply = new Reply(500, null, 0, 0);
            }
            byte[] answer = JSON.writeValueAsBytes(reply.status() == 200 ? answer(reply) : error(reply.status()));
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            ex.sendResponseHeaders(reply.status(), answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    private static ObjectNode answer(Reply reply) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", reply.text());
        content.put("role", "model");
        candidate.put("finishReason", "STOP");
        ObjectNode usage = answer.putObject("usageMetadata");
        usage.put("promptTokenCount", reply.promptTokens());
        usage.put("candidatesTokenCount", reply.answerTokens());
        usage.put("totalTokenCount", reply.promptTokens() + reply.answerTokens());
        answer.put("modelVersion", "gemini-stub");
        return answer;
    }

    private static Map<String, Object> error(int status) {
        String state = switch (status) {
            case 429 -> "RESOURCE_EXHAUSTED";
            case 404 -> "NOT_FOUND";
            case 400 -> "INVALID_ARGUMENT";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
        return Map.of("error", Map.of("code", status, "message", "stub: " + state, "status", state));
    }

    /** Forgets the script and the recorded requests (between applications sharing one stub). */
    public void clear() {
        script.clear();
        requests.clear();
    }

    /** How many requests were answered. */
    public int count() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
