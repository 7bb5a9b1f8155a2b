package dev.goalcoach.mentor;

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
 * analytics-service's roster API on loopback, in the shape it answers ({@code RosterEntry}s), holding what a test
 * gives it per mentor; it can be taken down (503) and records each request's Authorization header. (The real
 * services together: LocalLauncherIT.)
 */
public class AnalyticsStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What analytics-service answers for a mentor's roster. */
    public static final Map<UUID, List<Map<String, Object>>> ROSTERS = new ConcurrentHashMap<>();

    public static volatile boolean down;

    /** The Authorization header of every request. */
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", AnalyticsStub::handle);
            server.start();
        }
        return Map.of(
                "quarkus.rest-client.analytics-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {}

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            AUTHORIZATIONS.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            var roster = path.matches("/analytics/mentors/[^/]+/roster")
                    ? ROSTERS.get(UUID.fromString(path.split("/")[3]))
                    : null;
            int status = down ? 503 : roster == null ? 404 : 200;
            Object body = status == 200 ? roster : Map.of("status", status);
            byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders()
                    .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }
}
