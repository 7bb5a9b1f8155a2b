package dev.goalcoach.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.PostgresResource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The check-in step's risk in the service: its numbers are the warehouse's, compared against PostgreSQL's own casts
 * on the values where rounding decides (every adherence of up to 100 days' sevenths, strengths either side of each
 * half ten-thousandth), and each reason sits on the side of its boundary that {@link RiskSql} puts it (a tie is no
 * reason). {@code CheckinStepTest} compares whole warehouses, stepped and recomputed; its random histories rarely
 * land on a boundary, which is what this pins.
 */
class CheckinRiskTest {

    private static Connection warehouse() throws SQLException {
        PostgresResource.server().ensureDatabase("gc_checkin_risk");
        return PostgresResource.server().connect("gc_checkin_risk");
    }

    @Test
    void anAdherenceIsTheWarehousesLeastOfOneAndDoneOverDue() throws SQLException {
        try (var c = warehouse();
                var s = c.createStatement();
                var rs = s.executeQuery("select done, due, cast(cast(least(1, cast(done as numeric) / due) as"
                        + " numeric(6, 4)) as text) from generate_series(1, 700) due, generate_series(0, due + 7)"
                        + " done")) {
            int n = 0;
            while (rs.next()) {
                long done = rs.getLong(1);
                long due = rs.getLong(2);
                assertThat(CheckinRisk.adherence(done, due).toPlainString())
                        .as(done + " / " + due)
                        .isEqualTo(rs.getString(3));
                n++;
            }
            assertThat(n).isGreaterThan(240_000);
        }
    }

    @Test
    void aStrengthIsTheWarehousesFloatInNumericSixFour() throws SQLException {
        var random = new Random(7);
        var values = new ArrayList<Double>();
        for (int k = 0; k <= 20_000; k++) {
            double tie = k / 20_000.0; // each half ten-thousandth, and the doubles around it
            values.add(tie);
            values.add(Math.nextUp(tie));
            values.add(Math.nextDown(Math.max(tie, Double.MIN_VALUE)));
            values.add(tie + 1e-15);
            values.add(tie - 1e-15);
            values.add(random.nextDouble());
        }
        values.removeIf(v -> v < 0 || v >= 1);
        try (var c = warehouse();
                var ps = c.prepareStatement("select cast(cast(x as numeric(6, 4)) as text) from unnest(?) with"
                        + " ordinality u (x, i) order by i")) {
            ps.setArray(1, c.createArrayOf("float8", values.toArray()));
            try (var rs = ps.executeQuery()) {
                for (double v : values) {
                    assertThat(rs.next()).isTrue();
                    assertThat(CheckinRisk.numeric4(v).toPlainString())
                            .as(Double.toString(v))
                            .isEqualTo(rs.getString(1));
                }
            }
        }
    }

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private static CheckinRisk member() {
        var r = new CheckinRisk(TODAY);
        r.habit(TODAY.minusDays(30));
        r.lastDay = TODAY;
        return r;
    }

    private static List<String> codes(CheckinRisk r) {
        return r.reasons().stream().map(CheckinRisk.Reason::code).toList();
    }

    @Test
    void eachReasonHoldsPastItsBoundaryNotOnIt() {
        var quiet = member();
        quiet.lastDay = TODAY.minusDays(3);
        assertThat(quiet.reasons())
                .containsExactly(new CheckinRisk.Reason("NO_RECENT_CHECKIN", 25, "no check-in for 3 days"));
        quiet.lastDay = TODAY.minusDays(2);
        assertThat(codes(quiet)).isEmpty();
        quiet.lastDay = TODAY.minusDays(7);
        assertThat(quiet.reasons().get(0).points()).isEqualTo(40);
        quiet.lastDay = TODAY.minusDays(6);
        assertThat(quiet.reasons().get(0).points()).isEqualTo(25);

        var never = new CheckinRisk(TODAY); // never logged: quiet since the first day of the last 97 that counts
        never.habit(TODAY.minusDays(200));
        never.habit(TODAY.minusDays(120));
        assertThat(never.reasons().get(0).detail()).isEqualTo("no check-in for 97 days");
        var lately = new CheckinRisk(TODAY);
        lately.habit(TODAY.minusDays(4));
        assertThat(lately.reasons().get(0).detail()).isEqualTo("no check-in for 5 days");

        var low = member();
        low.a7 = new BigDecimal("0.5000");
        low.due7 = 21;
        assertThat(codes(low)).isEmpty();
        low.a7 = new BigDecimal("0.4999");
        assertThat(low.reasons()).containsExactly(new CheckinRisk.Reason("LOW_ADHERENCE", 25, "7-day adherence 50%"));
        low.due7 = 20; // under three occurrences owed
        assertThat(codes(low)).isEmpty();

        var drop = member();
        drop.a7 = new BigDecimal("0.6250");
        drop.a30 = new BigDecimal("0.8250");
        assertThat(codes(drop)).isEmpty();
        drop.a30 = new BigDecimal("0.8251");
        assertThat(drop.reasons())
                .containsExactly(
                        new CheckinRisk.Reason("ADHERENCE_DROP", 15, "7-day adherence 63% against 83% over 30 days"));
        drop.a30 = null;
        assertThat(codes(drop)).isEmpty();

        var misses = member();
        misses.misses(2);
        misses.misses(0);
        assertThat(codes(misses)).isEmpty();
        misses.misses(3);
        misses.misses(null);
        assertThat(misses.reasons())
                .containsExactly(new CheckinRisk.Reason("CONSECUTIVE_MISSES", 20, "3 owed days missed in a row"));

        var falling = member();
        falling.strength(new BigDecimal("0.5000"), new BigDecimal("0.6000"));
        falling.strength(new BigDecimal("0.7000"), null);
        assertThat(codes(falling)).isEmpty();
        falling.strength(new BigDecimal("0.4450"), new BigDecimal("0.5451"));
        assertThat(falling.reasons())
                .containsExactly(
                        new CheckinRisk.Reason("FALLING_STRENGTH", 10, "habit strength down 10 points in a week"));

        var mood = member();
        mood.mood = new CheckinRisk.Mood("-0.50", true, 1);
        assertThat(codes(mood)).isEmpty();
        mood.mood = new CheckinRisk.Mood("-0.50", true, 2);
        assertThat(mood.reasons())
                .containsExactly(new CheckinRisk.Reason(
                        "NEGATIVE_SENTIMENT", 15, "journal mood -0.50 over 2 entries in 14 days"));
    }

    @Test
    void theScoreIsCappedAtAHundredTheLevelIsNot() {
        var r = member();
        r.lastDay = TODAY.minusDays(8);
        r.a7 = new BigDecimal("0.1000");
        r.a30 = new BigDecimal("0.9000");
        r.due7 = 49;
        r.misses(5);
        r.strength(new BigDecimal("0.2000"), new BigDecimal("0.6000"));
        r.mood = new CheckinRisk.Mood("-0.90", true, 4);
        var reasons = r.reasons();
        assertThat(reasons).hasSize(6);
        assertThat(CheckinRisk.score(reasons)).isEqualTo(100);
        assertThat(CheckinRisk.level(reasons)).isEqualTo("HIGH");
        var medium = List.of(new CheckinRisk.Reason("LOW_ADHERENCE", 25, ""), new CheckinRisk.Reason("X", 5, ""));
        assertThat(CheckinRisk.level(medium)).isEqualTo("MEDIUM");
        assertThat(CheckinRisk.level(medium.subList(0, 1))).isEqualTo("LOW");
    }
}
