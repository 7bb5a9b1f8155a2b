package dev.goalcoach.mentor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.goalcoach.testkit.LoopbackHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * analytics-service's and goal-service's read APIs on loopback, in the shapes those services answer (roster
 * entries, MemberMetrics, the day series; GoalView pages, JournalView pages, SuggestionViews), holding what a test
 * gives them per member; either can be taken down (503). It records each request's Authorization header. (The real
 * services together: LocalLauncherIT.)
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    /** analytics-service: a mentor's roster, a member's metrics (none: 404, as for a new member) and series. */
    public static final Map<UUID, List<Map<String, Object>>> ROSTERS = new ConcurrentHashMap<>();

    public static final Map<UUID, Map<String, Object>> METRICS = new ConcurrentHashMap<>();
    public static final Map<UUID, List<Map<String, Object>>> SERIES = new ConcurrentHashMap<>();

    /** goal-service: a member's goals and journal entries, a goal's suggestions. */
    public static final Map<UUID, List<Map<String, Object>>> GOALS = new ConcurrentHashMap<>();

    public static final Map<UUID, List<Map<String, Object>>> JOURNAL = new ConcurrentHashMap<>();
    public static final Map<UUID, List<Map<String, Object>>> SUGGESTIONS = new ConcurrentHashMap<>();

    /**
     * member-service's sign-in: a password and the token it gives, by email (anything else: 401), and the token its
     * refresh token renews to (the same by default).
     */
    public record Login(String password, String token, String renewed) {
        public Login(String password, String token) {
            this(password, token, token);
        }
    }

    /** member-service's live refresh tokens: what each renews to; a refresh spends it. */
    public static final Map<String, String> REFRESHES = new ConcurrentHashMap<>();

    /** Refresh tokens presented, and those signed out with. */
    public static final List<String> REFRESHES_SEEN = new CopyOnWriteArrayList<>();

    public static final List<String> LOGOUTS = new CopyOnWriteArrayList<>();

    /** A token answer with a new refresh token that renews to {@code renewed}. */
    private static void answerTokens(HttpExchange ex, String token, String renewed) throws IOException {
        String refresh = "r-" + UUID.randomUUID();
        REFRESHES.put(refresh, renewed);
        LoopbackHttp.answer(
                ex,
                200,
                Map.of(
                        "access_token",
                        token,
                        "token_type",
                        "Bearer",
                        "expires_in",
                        3600,
                        "refresh_token",
                        refresh,
                        "refresh_expires_in",
                        2592000));
    }

    public static final Map<String, Login> LOGINS = new ConcurrentHashMap<>();

    /** goal-service: the decisions made, as {@code <suggestion id> accept|reject <Authorization>}. */
    public static final List<String> DECISIONS = new CopyOnWriteArrayList<>();

    public static volatile boolean analyticsDown;
    public static volatile boolean goalServiceDown;

    /** The Authorization header of every request. */
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One entry of analytics-service's roster as it answers it: risk, adherence 7/30 (0.5, 0.6), a 2-day streak, and
     * each of the last days' adherence in percent.
     */
    public static Map<String, Object> rosterEntry(
            UUID member, String name, Integer score, String level, List<Integer> last30) {
        var e = new HashMap<String, Object>();
        e.put("memberId", member.toString());
        e.put("displayName", name);
        e.put("riskScore", score);
        e.put("riskLevel", level);
        e.put("adherence7", 0.5);
        e.put("adherence30", 0.6);
        e.put("currentStreak", 2);
        e.put("last30", last30);
        return e;
    }

    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = LoopbackHttp.serve(UpstreamStub::handle);
        }
        String url = LoopbackHttp.url(server);
        return Map.of(
                "quarkus.rest-client.analytics-service.url",
                url,
                "quarkus.rest-client.goal-service.url",
                url,
                "quarkus.rest-client.member-service.url",
                url);
    }

    @Override
    public void stop() {}

    private static void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = String.valueOf(ex.getRequestURI().getQuery());
        AUTHORIZATIONS.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        String[] parts = path.split("/");
        Object body = null;
        if (path.equals("/auth/login")) {
            var credentials = JSON.readTree(ex.getRequestBody().readAllBytes());
            var login = LOGINS.get(credentials.path("email").asText());
            if (login == null
                    || !login.password().equals(credentials.path("password").asText())) {
                LoopbackHttp.answer(ex, 401, Map.of("status", 401));
            } else {
                answerTokens(ex, login.token(), login.renewed());
            }
            return;
        }
        if (path.equals("/auth/refresh")) {
            String token = JSON.readTree(ex.getRequestBody().readAllBytes())
                    .path("refresh_token")
                    .asText();
            REFRESHES_SEEN.add(token);
            var renewal = REFRESHES.remove(token); // spent
            if (renewal == null) {
                LoopbackHttp.answer(ex, 401, Map.of("status", 401));
            } else {
                answerTokens(ex, renewal, renewal);
            }
            return;
        }
        if (path.equals("/auth/logout")) {
            String token = JSON.readTree(ex.getRequestBody().readAllBytes())
                    .path("refresh_token")
                    .asText();
            LOGOUTS.add(token);
            REFRESHES.remove(token);
            ex.sendResponseHeaders(204, -1);
            ex.close();
            return;
        }
        if (path.matches("/suggestions/[^/]+/(accept|reject)") && !goalServiceDown) {
            var id = UUID.fromString(parts[2]);
            boolean known = false;
            for (var goal : SUGGESTIONS.entrySet()) {
                var rest = goal.getValue().stream()
                        .filter(sg -> !id.toString().equals(sg.get("id")))
                        .toList();
                if (rest.size() < goal.getValue().size()) {
                    SUGGESTIONS.put(goal.getKey(), rest); // decided: no longer open
                    known = true;
                }
            }
            if (!known) {
                LoopbackHttp.answer(ex, 404, Map.of("status", 404));
                return;
            }
            DECISIONS.add(id + " " + parts[3] + " " + ex.getRequestHeaders().getFirst("Authorization"));
            LoopbackHttp.answer(ex, 200, Map.of("id", id.toString(), "status", parts[3].toUpperCase()));
            return;
        }
        boolean analytics = path.startsWith("/analytics/") || path.startsWith("/dashboard/");
        if (analytics ? analyticsDown : goalServiceDown) {
            LoopbackHttp.answer(ex, 503, Map.of("status", 503));
            return;
        }
        if (path.matches("/analytics/mentors/[^/]+/roster")) {
            body = ROSTERS.get(UUID.fromString(parts[3]));
        } else if (path.matches("/dashboard/analytics/[^/]+")) {
            body = METRICS.get(UUID.fromString(parts[3]));
        } else if (path.matches("/analytics/members/[^/]+/series")) {
            body = SERIES.get(UUID.fromString(parts[3]));
        } else if (path.matches("/goals/user/[^/]+")) {
            body = page(GOALS.getOrDefault(UUID.fromString(parts[3]), List.of()));
        } else if (path.equals("/journal")) {
            body = page(JOURNAL.getOrDefault(param(query, "memberId"), List.of()));
        } else if (path.equals("/suggestions")) {
            body = suggestionsOf(param(query, "memberId"), query.replaceAll(".*status=([^&]+).*", "$1"));
        }
        LoopbackHttp.answer(ex, body == null ? 404 : 200, body == null ? Map.of("status", 404) : body);
    }

    /** As goal-service answers {@code GET /suggestions?memberId&status}: those on any of the member's goals. */
    private static List<Map<String, Object>> suggestionsOf(UUID member, String status) {
        var found = new ArrayList<Map<String, Object>>();
        for (var goal : GOALS.getOrDefault(member, List.of())) {
            for (var suggestion : SUGGESTIONS.getOrDefault(UUID.fromString((String) goal.get("id")), List.of())) {
                if (status.equals(suggestion.get("status"))) {
                    var view = new HashMap<String, Object>(suggestion);
                    view.put("goalId", goal.get("id"));
                    found.add(view);
                }
            }
        }
        return found;
    }

    private static Map<String, Object> page(List<Map<String, Object>> items) {
        return Map.of("items", items, "page", 0, "size", items.size(), "total", items.size());
    }

    private static UUID param(String query, String name) {
        return UUID.fromString(query.replaceAll(".*" + name + "=([^&]+).*", "$1"));
    }
}
