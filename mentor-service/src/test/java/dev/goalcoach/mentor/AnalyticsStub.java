package dev.goalcoach.mentor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.goalcoach.testkit.LoopbackHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
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

    /** What analytics-service answers for a mentor's roster. */
    public static final Map<UUID, List<Map<String, Object>>> ROSTERS = new ConcurrentHashMap<>();

    public static volatile boolean down;

    /** The Authorization header of every request. */
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = LoopbackHttp.serve(AnalyticsStub::handle);
        }
        return Map.of("quarkus.rest-client.analytics-service.url", LoopbackHttp.url(server));
    }

    @Override
    public void stop() {}

    private static void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        AUTHORIZATIONS.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        var roster = path.matches("/analytics/mentors/[^/]+/roster")
                ? ROSTERS.get(UUID.fromString(path.split("/")[3]))
                : null;
        int status = down ? 503 : roster == null ? 404 : 200;
        LoopbackHttp.answer(ex, status, status == 200 ? roster : Map.of("status", status));
    }
}
