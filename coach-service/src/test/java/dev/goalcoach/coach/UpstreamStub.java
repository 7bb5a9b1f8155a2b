package dev.goalcoach.coach;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.goalcoach.events.JournalWritten;
import dev.goalcoach.testkit.LoopbackHttp;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * goal-service's and analytics-service's read APIs on loopback, in the shapes those services answer (their
 * GoalView page, CheckinView list and MemberMetrics), holding what a test gives them per member; the coach's
 * context is read from here in this module's tests; and goal-service's internal journal API with member-service's
 * token endpoint in front of it (coach-service's own client credentials, checked). Either can be taken down (503). It records the Authorization
 * header of every request, to show the caller's token is relayed. (The real services together: LocalLauncherIT.)
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    /** What goal-service answers for a member: their goals ({@code GoalView}s) and check-ins. */
    public static final Map<UUID, List<Map<String, Object>>> GOALS = new ConcurrentHashMap<>();

    public static final Map<UUID, List<Map<String, Object>>> CHECKINS = new ConcurrentHashMap<>();

    /** What analytics-service answers for a member ({@code MemberMetrics}); none: 404, as for a new member. */
    public static final Map<UUID, Map<String, Object>> METRICS = new ConcurrentHashMap<>();

    /** An entry as goal-service holds it: its member, current revision and text. */
    public record Entry(UUID memberId, long revision, String text) {}

    /** goal-service's journal, as its internal API answers it to coach-service's own token. */
    public static final Map<UUID, Entry> JOURNAL = new ConcurrentHashMap<>();

    /** coach-service's client credentials, as member-service would know them. */
    static final String CLIENT_SECRET = "coach-secret-for-the-module-tests-0123456789";

    /** The tokens the token endpoint issued: the internal API takes these only. */
    private static final List<String> ISSUED = new CopyOnWriteArrayList<>();

    /** Answers of the token endpoint, counted: the client keeps its token rather than asking every time. */
    public static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();

    /**
     * Writes (or rewrites) the entry at goal-service's and answers its {@code journal.written} as goal-service
     * publishes it: the length, not the text.
     */
    public static JournalWritten written(UUID entryId, UUID memberId, String text, Integer mood, long revision) {
        JOURNAL.put(entryId, new Entry(memberId, revision, text));
        return JournalWritten.of(entryId, memberId, text.length(), mood, false, revision, TestNow.instant());
    }

    public static volatile boolean goalServiceDown;
    public static volatile boolean analyticsDown;

    /** Path and Authorization header of every request. */
    public static final List<String[]> REQUESTS = new CopyOnWriteArrayList<>();

    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = LoopbackHttp.serve(UpstreamStub::handle);
        }
        String url = LoopbackHttp.url(server);
        return Map.of(
                "quarkus.rest-client.goal-service.url",
                url,
                "quarkus.rest-client.analytics-service.url",
                url,
                "quarkus.rest-client.goal-service-internal.url",
                url,
                "quarkus.oidc-client.auth-server-url",
                url,
                "quarkus.oidc-client.credentials.secret",
                CLIENT_SECRET);
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
            if (path.equals("/auth/token")) {
                // member-service's client-credentials grant: coach-service's id and secret by HTTP Basic
                String basic = "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("coach-service:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
                String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (basic.equals(ex.getRequestHeaders().getFirst("Authorization"))
                        && form.contains("grant_type=client_credentials")) {
                    String token = TestTokens.service("coach-service");
                    ISSUED.add(token);
                    TOKENS_ISSUED.incrementAndGet();
                    body = Map.of("access_token", token, "token_type", "Bearer", "expires_in", 300);
                } else {
                    status = 401;
                    body = Map.of("status", 401, "title", "Unauthorized");
                }
            } else if (path.startsWith("/internal/journal/")) {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                var entry = JOURNAL.get(UUID.fromString(path.substring("/internal/journal/".length())));
                long revision = Long.parseLong(query.replaceAll(".*revision=([0-9]+).*", "$1"));
                if (goalServiceDown) {
                    status = 503;
                    body = Map.of("status", 503);
                } else if (auth == null || !auth.startsWith("Bearer ") || !ISSUED.contains(auth.substring(7))) {
                    status = 401;
                    body = Map.of("status", 401, "title", "Unauthorized");
                } else if (entry == null || entry.revision() != revision) {
                    status = 404;
                    body = Map.of("status", 404, "title", "Not Found");
                } else {
                    body = Map.of(
                            "entryId",
                            path.substring("/internal/journal/".length()),
                            "memberId",
                            entry.memberId().toString(),
                            "revision",
                            entry.revision(),
                            "text",
                            entry.text());
                }
            } else if (path.startsWith("/goals/user/")) {
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
            LoopbackHttp.answer(ex, status, body);
        }
    }
}
