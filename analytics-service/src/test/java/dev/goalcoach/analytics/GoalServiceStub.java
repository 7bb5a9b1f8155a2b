package dev.goalcoach.analytics;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on loopback in goal-service's place, for the client's failure handling: a test sets what each
 * path answers (status and body, as goal-service's contract has them) and reads what was asked. The whole path
 * with the real goal-service is LocalLauncherIT's.
 */
public class GoalServiceStub implements QuarkusTestResourceLifecycleManager {

    public record Answer(int status, String body) {}

    /** What was asked: path with query, and the Authorization header. */
    public record Request(String path, String authorization) {}

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    static void answer(String pathAndQuery, int status, String body) {
        ANSWERS.put(pathAndQuery, new Answer(status, body));
    }

    static long asked(String path) {
        return REQUESTS.stream().filter(r -> r.path().startsWith(path)).count();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            REQUESTS.add(new Request(path, exchange.getRequestHeaders().getFirst("Authorization")));
            var answer = ANSWERS.getOrDefault(path, new Answer(404, "{\"status\":404}"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of(
                "quarkus.rest-client.goal-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
