package dev.goalcoach.member;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.goalcoach.testkit.LoopbackHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the services a data export gathers from (goal-, coach-, mentor- and analytics-service, each under
 * its own base path on one loopback server): each answers with one row naming the service and the member, records
 * the Authorization it was given, and answers 503 while {@link #DOWN} names it. The export across the real six
 * services is {@code LocalLauncherIT}'s.
 */
public class ExportPeers implements QuarkusTestResourceLifecycleManager {

    /** {@code service Authorization path} of each call. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    static final Set<String> DOWN = ConcurrentHashMap.newKeySet();

    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = LoopbackHttp.serve(ExportPeers::handle);
        }
        String url = LoopbackHttp.url(server);
        return Map.of(
                "goalcoach.member.export.goal-service-url", url + "/goal-service",
                "goalcoach.member.export.coach-service-url", url + "/coach-service",
                "goalcoach.member.export.mentor-service-url", url + "/mentor-service",
                "goalcoach.member.export.analytics-service-url", url + "/analytics-service");
    }

    @Override
    public void stop() {}

    private static void handle(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        String service = parts[1];
        String rest = ex.getRequestURI().getPath().substring(service.length() + 1);
        CALLS.add(service + " " + ex.getRequestHeaders().getFirst("Authorization") + " " + rest);
        if (DOWN.contains(service)) {
            LoopbackHttp.answer(ex, 503, Map.of("status", 503));
        } else if (rest.matches("/export/members/[^/]+")) {
            LoopbackHttp.answer(ex, 200, Map.of(service + "_rows", List.of(Map.of("member_id", parts[4]))));
        } else if (rest.matches("/dashboard/analytics/[^/]+")) {
            LoopbackHttp.answer(ex, 200, Map.of("memberId", parts[3], "adherence7", 0.5));
        } else if (rest.matches("/analytics/members/[^/]+/series")) {
            LoopbackHttp.answer(ex, 200, List.of(Map.of("date", "2026-11-01", "adherence", 0.5)));
        } else {
            LoopbackHttp.answer(ex, 404, Map.of("status", 404));
        }
    }
}
