package dev.goalcoach.coach;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * goal-service's and analytics-service's read APIs on loopback, in the shapes those services answer (their
 * GoalView page, CheckinView list and MemberMetrics), holding what a test gives them per member; the coach's
 * context is read from here in this module's tests. Either can be taken down (503). It records the Authorization
 * header of every request, to show the caller's token is relayed. (The real services together: LocalLauncherIT.)
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What goal-service answers for a member: their goals ({@code GoalView}s) and check-ins. */
    public static final Map<UUID, List<Map<String, Object>>> GOALS = new ConcurrentHashMap<>();

    public static final Map<UUID, List<Map<String, Object>>> CHECKINS = new ConcurrentHashMap<>();

    /** What analytics-service answers for a member ({@code MemberMetrics}); none: 404, as for a new member. */
    public static final Map<UUID, Map<String, Object>> METRICS = new ConcurrentHashMap<>();

    public static volatile boolean goalServiceDown;
    public static volatile boolean analyticsDown;

    /** Path and Authorization header of every request. */
    public static final List<String[]> REQUESTS = new CopyOnWriteArrayList<>();

    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", UpstreamStub::handle);
            server.start();
        }
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.goal-service.url", url, "quarkus.rest-client.analytics-service.url", url);
    }

    @Override
    public void stop() {}

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getQuery();
            REQUESTS.add(new String[] {path, ex.getRequestHeaders().getFirst("Authorization")});
            Object body;
            int status = 200;
            if (path.startsWith("/goals/user/")) {
                if (goalServiceDown) {
                    status = 503;
                    body = Map.of("status", 503);
                } else {
                    var goals = GOALS.getOrDefault(UUID.fromString(path.substring("/goals/user/".length())), List.of());
                    body = Map.of("items", goals, "page", 0, "size", 200, "total", goals.size());
                }
            } else if (path.equals("/checkins")) {
                var member = UUID.fromString(query.replaceAll(".*memberId=([^&]+).*", "$1"));
                if (goalServiceDown) {
                    status = 503;
                    body = Map.of("status", 503);
                } else {
                    body = CHECKINS.getOrDefault(member, List.of());
                }
            } else if (path.startsWith("/dashboard/analytics/")) {
                var metrics = METRICS.get(UUID.fromString(path.substring("/dashboard/analytics/".length())));
                if (analyticsDown) {
                    status = 503;
                    body = Map.of("status", 503);
                } else if (metrics == null) {
                    status = 404;
                    body = Map.of("status", 404, "title", "Not Found", "detail", "member was not found");
                } else {
                    body = metrics;
                }
            } else {
                status = 404;
                body = Map.of("status", 404);
            }
            byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders()
                    .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }
}
