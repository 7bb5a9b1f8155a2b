package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each risk reason fires on a history built for it, and stays quiet on its near miss. "Now": Wed 2026-11-25. */
class RiskTest extends WarehouseTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Risk(int score, String level, List<String> codes, JsonNode reasons) {}

    @Test
    void noRecentCheckinAfterThreeDaysAndMoreAfterSeven() throws SQLException {
        var fourDays = daily("2026-11-01");
        log(fourDays, "2026-11-21", "DONE", null);
        var twoDays = daily("2026-11-01");
        log(twoDays, "2026-11-23", "DONE", null);
        var eightDays = daily("2026-11-01");
        log(eightDays, "2026-11-17", "DONE", null);
        refreshAll();

        assertThat(risk(fourDays).reasons().toString())
                .contains("NO_RECENT_CHECKIN")
                .contains("no check-in for 4 days");
        assertThat(points(fourDays, "NO_RECENT_CHECKIN")).isEqualTo(25);
        assertThat(risk(twoDays).codes()).doesNotContain("NO_RECENT_CHECKIN");
        assertThat(points(eightDays, "NO_RECENT_CHECKIN")).isEqualTo(40);
    }

    @Test
    void lowAdherenceBelowHalfOverSevenDays() throws SQLException {
        var half = daily("2026-11-01");
        var third = daily("2026-11-01");
        history(half, "DMMDMD"); // 11-19 .. 11-24: 3 of 6
        history(third, "DMMDMM"); // 2 of 6
        refreshAll();

        assertThat(risk(third).codes()).contains("LOW_ADHERENCE");
        assertThat(risk(half).codes()).doesNotContain("LOW_ADHERENCE");
    }

    @Test
    void adherenceDropWhenTheWeekIsWellBelowTheMonth() throws SQLException {
        var dropped = daily("2026-10-27");
        var steady = daily("2026-10-27");
        for (var d = LocalDate.parse("2026-10-27"); d.isBefore(LocalDate.parse("2026-11-19")); d = d.plusDays(1)) {
            log(dropped, d.toString(), "DONE", null);
            log(steady, d.toString(), "DONE", null);
        }
        history(dropped, "DDMDMD"); // week 4/6 = 67% against 27/29 = 93%
        history(steady, "DDDDMD"); // week 5/6 = 83% against 28/29 = 97%
        refreshAll();

        assertThat(risk(dropped).codes()).contains("ADHERENCE_DROP");
        assertThat(risk(steady).codes()).doesNotContain("ADHERENCE_DROP");
    }

    @Test
    void consecutiveMissesFromThreeOwedDaysInARow() throws SQLException {
        var three = daily("2026-11-01");
        var two = daily("2026-11-01");
        history(three, "DDD"); // 11-19 .. 11-21 done, then 22, 23, 24 nothing logged
        log(two, "2026-11-19", "DONE", null);
        log(two, "2026-11-20", "DONE", null);
        log(two, "2026-11-21", "DONE", null);
        log(two, "2026-11-22", "DONE", null);
        // three: 22, 23, 24 missed (nothing logged); two: 23, 24 missed; today is open for both
        refreshAll();

        assertThat(risk(three).reasons().toString()).contains("3 owed days missed in a row");
        assertThat(risk(two).codes()).doesNotContain("CONSECUTIVE_MISSES");
    }

    @Test
    void fallingStrengthWhenAWeekOfMissesUndoesTheHabit() throws SQLException {
        var falling = daily("2026-11-01");
        var holding = daily("2026-11-01");
        for (var d = LocalDate.parse("2026-11-01"); d.isBefore(LocalDate.parse("2026-11-25")); d = d.plusDays(1)) {
            log(falling, d.toString(), d.isBefore(LocalDate.parse("2026-11-18")) ? "DONE" : "MISSED", null);
            log(holding, d.toString(), d.getDayOfMonth() == 24 ? "MISSED" : "DONE", null);
        }
        refreshAll();

        assertThat(risk(falling).codes()).contains("FALLING_STRENGTH");
        assertThat(risk(holding).codes()).doesNotContain("FALLING_STRENGTH");
    }

    @Test
    void negativeSentimentFromTwoEntriesAveragingBelowMinusPointThree() throws SQLException {
        var sad = daily("2026-11-20");
        var mixed = daily("2026-11-20");
        var once = daily("2026-11-20");
        for (UUID h : List.of(sad, mixed, once)) {
            history(h, "-DDDDD");
        }
        journal(memberOf(sad), "2026-11-20", -0.5);
        journal(memberOf(sad), "2026-11-23", -0.2);
        journal(memberOf(mixed), "2026-11-20", -0.4);
        journal(memberOf(mixed), "2026-11-23", -0.1);
        journal(memberOf(once), "2026-11-23", -0.9);
        journal(memberOf(once), "2026-11-01", -0.9); // older than 14 days
        refreshAll();

        assertThat(risk(sad).codes()).containsExactly("NEGATIVE_SENTIMENT");
        assertThat(risk(mixed).codes()).isEmpty();
        assertThat(risk(once).codes()).isEmpty();
    }

    @Test
    void theScoreAddsTheReasonsAndTheLevelFollowsIt() throws SQLException {
        var struggling = daily("2026-11-01");
        log(struggling, "2026-11-10", "DONE", null);
        var fine = daily("2026-11-18");
        history(fine, "-DDDDD");
        var noHabits = member("UTC");
        refreshAll();

        // no check-in for 15 days (40), 0% this week (25), 14 owed days missed in a row (20)
        var r = risk(struggling);
        assertThat(r.codes()).containsExactly("NO_RECENT_CHECKIN", "LOW_ADHERENCE", "CONSECUTIVE_MISSES");
        assertThat(r.score()).isEqualTo(85);
        assertThat(r.level()).isEqualTo("HIGH");
        assertThat(risk(fine)).isEqualTo(new Risk(0, "LOW", List.of(), JSON.createArrayNode()));
        assertThat(count("select count(*) from metrics_risk where member_id = '" + noHabits + "'"))
                .isZero();
    }

    // --- helpers ---

    private UUID daily(String start) throws SQLException {
        return habit(member("UTC"), "DAILY", null, null, null, start, null, null);
    }

    /** D done, M missed, S skipped, - nothing, for 11-19 .. 11-24 (the six days before today). */
    private void history(UUID habit, String days) throws SQLException {
        var d = LocalDate.parse("2026-11-19");
        for (char ch : days.toCharArray()) {
            switch (ch) {
                case 'D' -> log(habit, d.toString(), "DONE", null);
                case 'M' -> log(habit, d.toString(), "MISSED", null);
                case 'S' -> log(habit, d.toString(), "SKIPPED", null);
                default -> {}
            }
            d = d.plusDays(1);
        }
    }

    private void refreshAll() throws SQLException {
        engine().refresh(c, NOW, null);
    }

    private UUID memberOf(UUID habit) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("select member_id from dim_habits where habit_id = '" + habit + "'")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private void journal(UUID member, String day, double score) throws SQLException {
        facts.journal(member, java.time.Instant.parse(day + "T20:00:00Z"), score);
    }

    private Risk risk(UUID habit) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery(
                        "select score, level, reasons from metrics_risk where member_id = '" + memberOf(habit) + "'")) {
            assertThat(rs.next()).as("a risk row").isTrue();
            try {
                JsonNode reasons = JSON.readTree(rs.getString(3));
                var codes = new ArrayList<String>();
                reasons.forEach(r -> codes.add(r.path("code").asText()));
                return new Risk(rs.getInt(1), rs.getString(2), codes, reasons);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private int points(UUID habit, String code) throws SQLException {
        for (JsonNode r : risk(habit).reasons()) {
            if (r.path("code").asText().equals(code)) {
                return r.path("points").asInt();
            }
        }
        return 0;
    }
}
