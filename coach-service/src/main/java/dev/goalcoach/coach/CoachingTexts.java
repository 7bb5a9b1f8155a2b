package dev.goalcoach.coach;

import dev.goalcoach.coach.offline.OfflineCoach;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the scheduled coaching writes, from a member's tallies: the morning reminder, the weekly review, a cohort's
 * post, the monthly report, and whether a habit's schedule should change (up or down). Deterministic: the offline
 * coach's words (provider {@code offline}, model {@link OfflineCoach#MODEL}).
 */
public final class CoachingTexts {

    /** Below this share of owed sessions done over two weeks, a habit is offered a lighter schedule. */
    public static final double DOWN_BELOW = 0.5;
    /** At or above this share (and at least {@link #UP_MIN_OWED} owed) it is offered a step up. */
    public static final double UP_FROM = 0.95;

    public static final int DOWN_MIN_OWED = 4;
    public static final int UP_MIN_OWED = 6;

    /** The habits still to do today, or empty when there is none. */
    public static Optional<String> reminder(List<HabitTally> member) {
        var titles = member.stream()
                .filter(r -> r.habitId() != null && r.dueToday() && r.done() == 0)
                .map(HabitTally::title)
                .distinct()
                .toList();
        return titles.isEmpty()
                ? Optional.empty()
                : Optional.of("Today: " + String.join(", ", titles) + ". A small step counts: check it in when done.");
    }

    public static String weeklyReview(List<HabitTally> member) {
        var habits =
                member.stream().filter(r -> r.habitId() != null && r.owed() > 0).toList();
        int owed = habits.stream().mapToInt(HabitTally::owed).sum();
        int done = habits.stream().mapToInt(HabitTally::done).sum();
        if (owed == 0) {
            return "Your week in review: nothing was planned last week. Pick one habit to start this week.";
        }
        var out = new StringBuilder("Your week in review: you did ")
                .append(done)
                .append(" of ")
                .append(owed)
                .append(" planned sessions (")
                .append(percent(done, owed))
                .append("). ");
        for (HabitTally r : habits) {
            out.append(r.title())
                    .append(": ")
                    .append(r.done())
                    .append(" of ")
                    .append(r.owed())
                    .append(r.done() == r.owed() ? " — a full week! " : ". ");
        }
        double share = (double) done / owed;
        out.append(
                share >= 0.8
                        ? "On track: keep the same rhythm this week."
                        : share >= 0.5
                                ? "Close: plan when the missed sessions fit this week."
                                : "A hard week: start with the easiest habit today.");
        return out.toString();
    }

    /** A cohort's week, members counted, none named. */
    public static Optional<String> groupPost(List<HabitTally> group) {
        Map<UUID, int[]> byMember = new LinkedHashMap<>();
        for (HabitTally r : group) {
            var t = byMember.computeIfAbsent(r.memberId(), id -> new int[2]);
            if (r.habitId() != null) {
                t[0] += r.owed();
                t[1] += r.done();
            }
        }
        var active = byMember.values().stream().filter(t -> t[0] > 0).toList();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        int owed = active.stream().mapToInt(t -> t[0]).sum();
        int done = active.stream().mapToInt(t -> t[1]).sum();
        long onTrack = active.stream().filter(t -> t[1] >= 0.8 * t[0]).count();
        return Optional.of("Last week this group kept " + done + " of " + owed + " planned sessions ("
                + percent(done, owed) + "); " + onTrack + " of " + active.size()
                + " members were on track (80 % or more). New week, fresh start: one session at a time.");
    }

    /** The month's figures (as stored) and its text. */
    public record Report(Map<String, Object> figures, String text) {}

    public static Report monthlyReport(String month, List<HabitTally> member) {
        var habits = member.stream().filter(r -> r.habitId() != null).toList();
        int owed = habits.stream().mapToInt(HabitTally::owed).sum();
        int done = habits.stream().mapToInt(HabitTally::done).sum();
        var perHabit = new ArrayList<Map<String, Object>>();
        for (HabitTally r : habits) {
            var h = new LinkedHashMap<String, Object>();
            h.put("habitId", r.habitId().toString());
            h.put("title", r.title());
            h.put("owed", r.owed());
            h.put("done", r.done());
            perHabit.add(h);
        }
        var figures = new LinkedHashMap<String, Object>();
        figures.put("month", month);
        figures.put("owed", owed);
        figures.put("done", done);
        figures.put("habits", perHabit);
        if (owed == 0) {
            return new Report(figures, "Your " + month + " report: nothing was planned this month.");
        }
        var best = habits.stream()
                .filter(r -> r.owed() > 0)
                .max((a, b) -> Double.compare((double) a.done() / a.owed(), (double) b.done() / b.owed()))
                .orElseThrow();
        var weakest = habits.stream()
                .filter(r -> r.owed() > 0)
                .min((a, b) -> Double.compare((double) a.done() / a.owed(), (double) b.done() / b.owed()))
                .orElseThrow();
        var text = new StringBuilder("Your " + month + " report: " + done + " of " + owed + " planned sessions done ("
                + percent(done, owed) + "). ");
        text.append("Most kept: ")
                .append(best.title())
                .append(" (")
                .append(best.done())
                .append(" of ")
                .append(best.owed())
                .append("). ");
        if (weakest != best) {
            text.append("Most missed: ")
                    .append(weakest.title())
                    .append(" (")
                    .append(weakest.done())
                    .append(" of ")
                    .append(weakest.owed())
                    .append("): what would make it easier?");
        }
        return new Report(figures, text.toString().strip());
    }

    /** A schedule change a habit's last two weeks call for. */
    public record Proposal(
            HabitTally habit,
            String direction,
            String scheduleType,
            List<DayOfWeek> days,
            Integer timesPerWeek,
            Integer everyNDays,
            BigDecimal targetValue,
            String reason) {}

    /** The one change a member's last two weeks call for most, if any: the least kept habit down, else the best up. */
    public static Optional<Proposal> suggestion(List<HabitTally> member) {
        var habits = member.stream().filter(r -> r.habitId() != null).toList();
        var down = habits.stream()
                .filter(r -> r.owed() >= DOWN_MIN_OWED && (double) r.done() / r.owed() < DOWN_BELOW)
                .min((a, b) -> Double.compare((double) a.done() / a.owed(), (double) b.done() / b.owed()))
                .flatMap(CoachingTexts::lighter);
        if (down.isPresent()) {
            return down;
        }
        return habits.stream()
                .filter(r -> r.owed() >= UP_MIN_OWED && (double) r.done() / r.owed() >= UP_FROM)
                .max((a, b) -> Integer.compare(a.done(), b.done()))
                .flatMap(CoachingTexts::harder);
    }

    private static Optional<Proposal> lighter(HabitTally r) {
        String why = r.title() + " was done " + r.done() + " of " + r.owed() + " times in the last two weeks: ";
        return switch (r.scheduleType()) {
            case "DAILY" ->
                Optional.of(new Proposal(
                        r,
                        "DOWN",
                        "WEEKDAYS",
                        List.of(
                                DayOfWeek.MONDAY,
                                DayOfWeek.TUESDAY,
                                DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY,
                                DayOfWeek.FRIDAY),
                        null,
                        null,
                        null,
                        why + "weekdays only keeps it going with room to breathe."));
            case "WEEKDAYS" ->
                r.days() == null || r.days().size() < 2
                        ? Optional.empty()
                        : Optional.of(new Proposal(
                                r,
                                "DOWN",
                                "WEEKDAYS",
                                r.days().subList(0, r.days().size() - 1).stream()
                                        .map(DayOfWeek::of)
                                        .toList(),
                                null,
                                null,
                                null,
                                why + "one day fewer a week is easier to keep, and keeping it is what counts."));
            case "TIMES_PER_WEEK" ->
                r.timesPerWeek() == null || r.timesPerWeek() < 2
                        ? Optional.empty()
                        : Optional.of(new Proposal(
                                r,
                                "DOWN",
                                "TIMES_PER_WEEK",
                                null,
                                r.timesPerWeek() - 1,
                                null,
                                null,
                                why + (r.timesPerWeek() - 1)
                                        + " a week is easier to keep, and keeping it is what counts."));
            case "EVERY_N_DAYS" ->
                r.everyNDays() == null || r.everyNDays() >= 365
                        ? Optional.empty()
                        : Optional.of(new Proposal(
                                r,
                                "DOWN",
                                "EVERY_N_DAYS",
                                null,
                                null,
                                r.everyNDays() + 1,
                                null,
                                why + "every " + (r.everyNDays() + 1) + " days gives it more room."));
            default -> Optional.empty();
        };
    }

    private static Optional<Proposal> harder(HabitTally r) {
        String why = r.title() + " was done " + r.done() + " of " + r.owed() + " times in the last two weeks: ";
        return switch (r.scheduleType()) {
            case "WEEKDAYS" -> {
                if (r.days() == null || r.days().size() >= 7) {
                    yield Optional.empty();
                }
                var days = new ArrayList<DayOfWeek>();
                r.days().forEach(d -> days.add(DayOfWeek.of(d)));
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (!days.contains(d)) {
                        days.add(d);
                        break;
                    }
                }
                days.sort(null);
                yield Optional.of(new Proposal(
                        r, "UP", "WEEKDAYS", days, null, null, null, why + "ready for one more day a week?"));
            }
            case "TIMES_PER_WEEK" ->
                r.timesPerWeek() == null || r.timesPerWeek() >= 7
                        ? Optional.empty()
                        : Optional.of(new Proposal(
                                r,
                                "UP",
                                "TIMES_PER_WEEK",
                                null,
                                r.timesPerWeek() + 1,
                                null,
                                null,
                                why + "ready for " + (r.timesPerWeek() + 1) + " a week?"));
            case "EVERY_N_DAYS" ->
                r.everyNDays() == null || r.everyNDays() <= 1
                        ? Optional.empty()
                        : Optional.of(new Proposal(
                                r,
                                "UP",
                                "EVERY_N_DAYS",
                                null,
                                null,
                                r.everyNDays() - 1,
                                null,
                                why + "ready for every " + (r.everyNDays() - 1) + " days?"));
            case "DAILY" ->
                r.targetValue() == null || r.targetValue().signum() == 0
                        ? Optional.empty()
                        : Optional.of(new Proposal(
                                r,
                                "UP",
                                "DAILY",
                                null,
                                null,
                                null,
                                "AT_MOST".equals(r.targetDirection())
                                        ? r.targetValue()
                                                .multiply(new BigDecimal("0.9"))
                                                .setScale(1, RoundingMode.HALF_UP)
                                        : r.targetValue()
                                                .multiply(new BigDecimal("1.1"))
                                                .setScale(1, RoundingMode.HALF_UP),
                                why + "ready to raise the bar by a tenth?"));
            default -> Optional.empty();
        };
    }

    static String percent(int done, int owed) {
        return Math.round(100.0 * done / owed) + " %";
    }

    private CoachingTexts() {}
}
