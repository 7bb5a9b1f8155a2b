package dev.goalcoach.mentor;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.TestNow;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mentees made known to mentor-service, with what goal-service and analytics-service would answer about them. */
final class Mentees {

    /**
     * A mentee of {@code mentor} slipping: 7-day adherence 43 %, risk HIGH (62) for low adherence, a 2-day streak;
     * met 3 of 7 days last week against 6 of 7 the week before; two journal entries, one read negative; one goal, its
     * habit Run on Tuesdays and Thursdays.
     */
    static UUID slipping(UUID mentor) {
        var mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var goal = UUID.randomUUID();
        UpstreamStub.GOALS.put(
                mentee,
                List.of(Map.of(
                        "id",
                        goal.toString(),
                        "title",
                        "Run a 10k",
                        "status",
                        "ACTIVE",
                        "habits",
                        List.of(Map.of(
                                "id",
                                UUID.randomUUID().toString(),
                                "title",
                                "Run",
                                "active",
                                true,
                                "schedule",
                                Map.of("type", "WEEKDAYS", "days", List.of("THURSDAY", "TUESDAY")))))));
        UpstreamStub.SUGGESTIONS.put(
                goal, List.of(Map.of("id", UUID.randomUUID().toString(), "status", "PROPOSED", "kind", "CHANGE")));
        UpstreamStub.METRICS.put(
                mentee,
                Map.of(
                        "adherence",
                        Map.of("7", 0.43, "30", 0.61, "90", 0.7),
                        "streak",
                        Map.of("current", 2, "longest", 9, "unit", "day"),
                        "risk",
                        Map.of(
                                "score",
                                62,
                                "level",
                                "HIGH",
                                "reasons",
                                List.of(Map.of(
                                        "code",
                                        "LOW_ADHERENCE",
                                        "points",
                                        40,
                                        "detail",
                                        "adherence 43 % this week")))));
        var today = LocalDate.ofInstant(TestNow.instant(), ZoneOffset.UTC);
        var series = new ArrayList<Map<String, Object>>();
        for (int d = 14; d >= 1; d--) {
            boolean lastWeek = d <= 7;
            boolean met = lastWeek ? d % 2 == 1 && d != 7 : d != 14; // 3 of 7 last week, 6 of 7 before
            series.add(Map.of("date", today.minusDays(d).toString(), "owed", 1, "met", met ? 1 : 0));
        }
        UpstreamStub.SERIES.put(mentee, series);
        var sad = new HashMap<String, Object>(Map.of("mood", 2, "sentiment", Map.of("label", "NEGATIVE")));
        sad.put("text", null);
        var fine = new HashMap<String, Object>(Map.of("mood", 4, "sentiment", Map.of("label", "NEUTRAL")));
        fine.put("text", "Shared words.");
        UpstreamStub.JOURNAL.put(mentee, List.of(sad, fine));
        return mentee;
    }

    private Mentees() {}
}
