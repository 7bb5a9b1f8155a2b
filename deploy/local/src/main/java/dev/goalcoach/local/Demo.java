package dev.goalcoach.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code ./run --demo}: seeds a running suite through its public API (the gateway) with two mentors, 40 members in
 * eight time zones, two goals each with habits of every schedule type, 90 days of check-ins (steady, slipping,
 * recovering and lapsed members), journal entries and the plan suggestions coach-service makes of them; then waits
 * until analytics-service shows every member's metrics. The history goes in through goal-service's admin import
 * ({@code POST /checkins/import}), which publishes the same events as a member's own check-ins. Idempotent: what
 * is there already is left as it is, so a second run adds nothing.
 */
public final class Demo {

    static final String PASSWORD = "Demo-pass-2026";
    static final int MEMBERS = 40;
    static final int DAYS = 90;

    private static final String DOMAIN = "@demo.goalcoach.local";
    private static final List<String> ZONES = List.of(
            "Europe/Paris",
            "America/New_York",
            "Asia/Tokyo",
            "UTC",
            "America/Los_Angeles",
            "Asia/Kolkata",
            "Australia/Sydney",
            "Africa/Nairobi");
    private static final List<String> NAMES = List.of(
            "Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Goran", "Hana", "Ines", "Jonas", "Kenji", "Leila",
            "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq");

    /** How a member's 90 days went: the share of scheduled days done, from the first day to the last. */
    enum Course {
        STEADY(0.92, 0.92, 0),
        SLIPPING(0.9, 0.25, 6),
        RECOVERING(0.3, 0.9, 0),
        LAPSED(0.8, 0.0, 45);

        final double first;
        final double last;
        /** The last this many days nothing at all. */
        final int silentDays;

        Course(double first, double last, int silentDays) {
            this.first = first;
            this.last = last;
            this.silentDays = silentDays;
        }
    }

    /** What the run found and what it added. */
    record Seeded(int mentors, int members, int goals, int checkins, int journal, int suggestions) {
        @Override
        public String toString() {
            return mentors + " mentors, " + members + " members, " + goals + " goals, " + checkins + " check-ins, "
                    + journal + " journal entries, " + suggestions + " plan suggestions";
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String gateway;
    private final String adminEmail;
    private final String adminPassword;
    private final String goalService;
    private String admin;
    /** The members and mentors there before this run, by role. */
    private final Map<String, JsonNode> existing = new HashMap<>();

    private int mentorsAdded;
    private int membersAdded;
    private int goalsAdded;
    private int checkinsAdded;
    private int journalAdded;
    private int suggestionsAdded;

    Demo(String gateway, String goalService, String adminEmail, String adminPassword) {
        this.gateway = gateway;
        this.goalService = goalService;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    /** {@code java dev.goalcoach.local.Demo <gateway> <goal-service> <admin email> <admin password>}: seeds again. */
    public static void main(String[] args) throws Exception {
        new Demo(args[0], args[1], args[2], args[3]).run(Instant.now());
    }

    /** What a run found, what it added, and when every member's metrics were visible (s after {@code since}). */
    record Report(Seeded found, Seeded added, double seconds) {}

    /** Seeds, waits for the metrics, says what it did; {@code since}: when the command was given. */
    Report run(Instant since) throws Exception {
        say("seeding the demo through " + gateway + " ...");
        admin = token(adminEmail, adminPassword);
        LocalDate today = LocalDate.ofInstant(businessNow(), ZoneId.of("UTC"));
        var mentors = List.of(
                person("maya" + DOMAIN, "Maya Mentor", "Europe/Paris", "MENTOR"),
                person("theo" + DOMAIN, "Theo Mentor", "America/New_York", "MENTOR"));
        var members = new ArrayList<Person>();
        try (ProgressBar bar = bar("members", MEMBERS)) {
            for (int i = 0; i < MEMBERS; i++) {
                String email = String.format("member%02d%s", i + 1, DOMAIN);
                String name = NAMES.get(i % NAMES.size()) + " " + (char) ('A' + i / NAMES.size()) + ".";
                members.add(person(email, name, ZONES.get(i % ZONES.size()), "MEMBER"));
                bar.step();
            }
        }
        // all created first: their verification mails are on their way meanwhile, not awaited one by one
        try (ProgressBar bar = bar("mentors", MEMBERS)) {
            for (int i = 0; i < MEMBERS; i++) {
                assignMentor(members.get(i), mentors.get((i / 4) % 2)); // each mentor gets every kind of course
                bar.step();
            }
        }
        int goals = 0;
        int checkins = 0;
        try (ProgressBar bar = bar("history", MEMBERS)) {
            for (int i = 0; i < MEMBERS; i++) {
                var habits = goalsOf(members.get(i), today);
                goals += 2;
                checkins += importHistory(members.get(i), habits, Course.values()[i % 4], today, new Random(i));
                bar.step();
            }
        }
        int journal = 0;
        try (ProgressBar bar = bar("journal", MEMBERS)) {
            for (int i = 0; i < MEMBERS; i++) {
                journal += journal(members.get(i), Course.values()[i % 4]);
                bar.step();
            }
        }
        try (ProgressBar bar = bar("metrics", MEMBERS)) {
            awaitMetrics(members, bar::stepTo);
        }
        double seconds = Duration.between(since, Instant.now()).toMillis() / 1000.0;
        int suggestions = suggestions(members);
        var found = new Seeded(2, MEMBERS, goals, checkins, journal, suggestions);
        var added = new Seeded(mentorsAdded, membersAdded, goalsAdded, checkinsAdded, journalAdded, suggestionsAdded);
        say("the demo holds " + found);
        say("this run added " + added);
        say(String.format("every member's metrics visible %.1f s after the command", seconds));
        say("a member:  " + members.get(1).email() + " / " + PASSWORD + "  (slipping; "
                + members.get(0).email() + " is steady)");
        say("a mentor:  " + mentors.get(0).email() + " / " + PASSWORD);
        say("dashboard: " + gateway + "/mentor/app");
        say("demo ready.");
        return new Report(found, added, seconds);
    }

    private static ProgressBar bar(String task, int max) {
        return new ProgressBarBuilder()
                .setTaskName(String.format("%-8s", task))
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
    }

    record Person(String id, String email, String timezone) {}

    /** The member or mentor with this email: found, or created by the admin. */
    private Person person(String email, String name, String timezone, String role) throws Exception {
        var found = existing.get(role);
        if (found == null) {
            found = call("GET", gateway + "/members?role=" + role + "&size=200", admin, null, 200);
            existing.put(role, found);
        }
        for (JsonNode m : found.path("items")) {
            if (m.path("email").asText().equals(email)) {
                return new Person(
                        m.path("id").asText(), email, m.path("timezone").asText());
            }
        }
        var body =
                Map.of("email", email, "password", PASSWORD, "displayName", name, "timezone", timezone, "role", role);
        var created = call("POST", gateway + "/members", admin, body, 201);
        if (role.equals("MENTOR")) {
            mentorsAdded++;
        } else {
            membersAdded++;
        }
        return new Person(created.path("id").asText(), email, timezone);
    }

    private void assignMentor(Person member, Person mentor) throws Exception {
        var now = call("GET", gateway + "/members/" + member.id(), admin, null, 200);
        if (!now.path("emailVerified").asBoolean(true)) {
            verify(member); // a mentor is given to a verified address only
        }
        if (!mentor.id().equals(now.path("mentorId").asText(null))) {
            call("PUT", gateway + "/members/" + member.id() + "/mentor", admin, Map.of("mentorId", mentor.id()), 200);
        }
    }

    /**
     * Follows the verification link mailed to the member, read from {@code ./run}'s mailbox ({@code /dev/mail.json};
     * with an SMTP server of your own there is none, and the demo's members stay unverified and unmentored).
     */
    private void verify(Person member) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var mails = call(
                    "GET",
                    gateway + "/dev/mail.json?to=" + java.net.URLEncoder.encode(member.email(), StandardCharsets.UTF_8),
                    null,
                    null,
                    200);
            for (JsonNode m : mails) {
                var link = java.util.regex.Pattern.compile("https?://\\S+/auth/verify-email\\?token=\\S+")
                        .matcher(m.path("text").asText());
                if (link.find()) {
                    String path = link.group().replaceFirst("^https?://[^/]+", "");
                    var answer = send("GET", gateway + path, null, null);
                    if (answer.statusCode() == 200) {
                        return;
                    }
                }
            }
            if (System.nanoTime() > until) {
                throw new IOException("no working verification mail for " + member.email() + " in /dev/mail");
            }
            Thread.sleep(200);
        }
    }

    /** The member's two goals (created when missing): habits by schedule kind. */
    private Map<String, JsonNode> goalsOf(Person m, LocalDate today) throws Exception {
        String start = start(today).toString();
        var wanted = new LinkedHashMap<String, Map<String, Object>>();
        wanted.put(
                "Move every day",
                goal(
                        m,
                        "Move every day",
                        "FITNESS",
                        List.of(
                                habit("Morning walk", Map.of("type", "DAILY"), start, null),
                                habit("Stretch", Map.of("type", "EVERY_N_DAYS", "everyNDays", 2), start, null))));
        wanted.put(
                "Learn Spanish",
                goal(
                        m,
                        "Learn Spanish",
                        "LEARNING",
                        List.of(
                                habit(
                                        "Flashcards",
                                        Map.of("type", "WEEKDAYS", "days", List.of("MONDAY", "WEDNESDAY", "FRIDAY")),
                                        start,
                                        Map.of("value", 20, "unit", "minutes", "direction", "AT_LEAST")),
                                habit("Podcast", Map.of("type", "TIMES_PER_WEEK", "timesPerWeek", 3), start, null))));
        var habits = new HashMap<String, JsonNode>();
        var existing = await503(() -> call("GET", gateway + "/goals/user/" + m.id() + "?size=50", admin, null, 200));
        for (var entry : wanted.entrySet()) {
            JsonNode goal = null;
            for (JsonNode g : existing.path("items")) {
                if (g.path("title").asText().equals(entry.getKey())) {
                    goal = g;
                }
            }
            if (goal == null) {
                goal = await503(() -> call("POST", gateway + "/goals", admin, entry.getValue(), 201));
                goalsAdded++;
            }
            for (JsonNode h : goal.path("habits")) {
                habits.put(h.path("title").asText(), h);
            }
        }
        return habits;
    }

    /** The habits' first day: before the 90 days wherever the member lives. */
    private static LocalDate start(LocalDate today) {
        return today.minusDays(DAYS + 2);
    }

    private static Map<String, Object> goal(Person m, String title, String theme, List<Map<String, Object>> habits) {
        return Map.of("memberId", m.id(), "title", title, "theme", theme, "habits", habits);
    }

    private static Map<String, Object> habit(String title, Map<String, Object> schedule, String start, Object target) {
        var h = new LinkedHashMap<String, Object>();
        h.put("title", title);
        h.put("schedule", schedule);
        h.put("startDate", start);
        if (target != null) {
            h.put("target", target);
        }
        return h;
    }

    /** 90 days of check-ins as the member's course went, through the admin import; answers how many there are. */
    private int importHistory(Person m, Map<String, JsonNode> habits, Course course, LocalDate today, Random random)
            throws Exception {
        var items = new ArrayList<Map<String, Object>>();
        // the member's own yesterday and before: every date is in their past wherever they are
        LocalDate last =
                LocalDate.ofInstant(businessNow(), ZoneId.of(m.timezone())).minusDays(1);
        for (int back = DAYS - 1; back >= 0; back--) {
            LocalDate day = last.minusDays(back);
            double progress = (DAYS - 1 - back) / (double) (DAYS - 1);
            double chance = back < course.silentDays ? 0 : course.first + (course.last - course.first) * progress;
            for (var h : habits.entrySet()) {
                if (scheduled(h.getKey(), day, start(today)) && random.nextDouble() < chance) {
                    var item = new LinkedHashMap<String, Object>();
                    item.put("habitId", h.getValue().path("id").asText());
                    item.put("date", day.toString());
                    if (h.getKey().equals("Flashcards")) {
                        item.put("value", 15 + random.nextInt(20));
                    }
                    items.add(item);
                }
            }
        }
        for (int from = 0; from < items.size(); from += 500) {
            var chunk = items.subList(from, Math.min(items.size(), from + 500));
            var answer = call(
                    "POST", gateway + "/checkins/import", admin, Map.of("memberId", m.id(), "checkins", chunk), 200);
            checkinsAdded += answer.path("created").asInt();
        }
        return items.size();
    }

    private static final Set<DayOfWeek> FLASHCARD_DAYS =
            Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> PODCAST_DAYS =
            Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY);

    private static boolean scheduled(String habit, LocalDate day, LocalDate start) {
        return switch (habit) {
            case "Stretch" -> (day.toEpochDay() - start.toEpochDay()) % 2 == 0;
            case "Flashcards" -> FLASHCARD_DAYS.contains(day.getDayOfWeek());
            case "Podcast" -> PODCAST_DAYS.contains(day.getDayOfWeek());
            default -> true;
        };
    }

    /** Three entries of the member's own, when they have written none yet; answers how many they have. */
    private int journal(Person m, Course course) throws Exception {
        var existing = call("GET", gateway + "/journal?memberId=" + m.id() + "&size=50", admin, null, 200);
        int have = existing.path("items").size();
        if (have > 0) {
            return have;
        }
        String token = token(m.email(), PASSWORD);
        var entries = switch (course) {
            case STEADY ->
                List.of(
                        "Walked before work again, felt great.",
                        "Flashcards are getting easier.",
                        "A calm, good week.");
            case SLIPPING ->
                List.of(
                        "Busy at work, skipped my walk.",
                        "Tired and behind on everything.",
                        "I keep missing days and feel bad about it.");
            case RECOVERING ->
                List.of(
                        "Back at it after a rough month.",
                        "Three walks this week, proud of that.",
                        "Spanish podcast on the commute, loving it.");
            case LAPSED -> List.of("Started strong.", "Travelling, no time.", "Haven't done anything in weeks.");
        };
        int mood = switch (course) {
            case STEADY -> 4;
            case SLIPPING -> 2;
            case RECOVERING -> 4;
            case LAPSED -> 2;
        };
        for (int i = 0; i < entries.size(); i++) {
            call(
                    "POST",
                    gateway + "/journal",
                    token,
                    Map.of("text", entries.get(i), "mood", mood, "sharedWithMentor", i == 2),
                    201);
            journalAdded++;
        }
        return entries.size();
    }

    /** Waits until analytics-service shows every member's 30-day adherence, reporting how many it does. */
    private void awaitMetrics(List<Person> members, IntConsumer visible) throws Exception {
        var pending = new TreeSet<String>();
        members.forEach(m -> pending.add(m.id()));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!pending.isEmpty()) {
            for (String id : List.copyOf(pending)) {
                var answer = send("GET", gateway + "/dashboard/analytics/" + id, admin, null);
                if (answer.statusCode() == 200
                        && !json.readTree(answer.body())
                                .path("adherence")
                                .path("30")
                                .isNull()) {
                    pending.remove(id);
                }
            }
            visible.accept(members.size() - pending.size());
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " members' metrics still missing after 5 minutes");
            }
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    /**
     * coach-service's suggestions job, run now whatever the day (it proposes plan changes where a habit was kept
     * well, or badly, these two weeks; once a week per member), and the members' open suggestions once goal-service
     * has them all. On a Wednesday from 10:00 in a member's zone the scheduled run may have proposed some of its own
     * while the history went in, and they may still be on their way: the count is taken once it holds what this run
     * proposed on top of what was open before, and has stopped moving.
     */
    private int suggestions(List<Person> members) throws Exception {
        int before = openSuggestions(members);
        int proposed = call("POST", gateway + "/coach/jobs/suggestions/run?anyTime=true", admin, null, 200)
                .path("served")
                .asInt();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int open = openSuggestions(members);
        int unchanged = 0;
        while ((open < before + proposed || unchanged < 4) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            int now = openSuggestions(members);
            unchanged = now == open ? unchanged + 1 : 0;
            open = now;
        }
        suggestionsAdded = proposed;
        return open;
    }

    private int openSuggestions(List<Person> members) throws Exception {
        int open = 0;
        for (var m : members) {
            open += call("GET", gateway + "/suggestions?memberId=" + m.id() + "&status=PROPOSED", admin, null, 200)
                    .size();
        }
        return open;
    }

    /** The business clock's now, as goal-service keeps it (a demo may run days ahead, GOALCOACH_CLOCK_OFFSET). */
    private Instant businessNow() throws Exception {
        return Instant.parse(call("GET", goalService + "/admin/clock", admin, null, 200)
                .path("now")
                .asText());
    }

    private String token(String email, String password) throws Exception {
        return call("POST", gateway + "/auth/login", null, Map.of("email", email, "password", password), 200)
                .path("access_token")
                .asText();
    }

    private interface Call {
        JsonNode get() throws Exception;
    }

    /** A member goal-service does not know yet (the broker is on its way) is a 503 for a moment: waits for it. */
    private static JsonNode await503(Call call) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (Unavailable e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static final class Unavailable extends IOException {
        Unavailable(String message) {
            super(message);
        }
    }

    private JsonNode call(String method, String url, String token, Object body, int expected) throws Exception {
        var answer = send(method, url, token, body);
        if (answer.statusCode() == 503) {
            throw new Unavailable(method + " " + url + ": 503 " + answer.body());
        }
        if (answer.statusCode() != expected) {
            throw new IOException(method + " " + url + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body().isEmpty() ? json.nullNode() : json.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String url, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void say(String line) {
        System.out.println("[goalcoach] " + line);
        System.out.flush();
    }
}
