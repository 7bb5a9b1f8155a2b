package dev.goalcoach.coach;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One habit's tally for one member and period. {@code habitId} null: the member has no active habit. */
public record HabitTally(
        UUID memberId,
        UUID mentorId,
        UUID groupId,
        String period,
        LocalDate today,
        UUID habitId,
        UUID goalId,
        String title,
        String scheduleType,
        List<Integer> days,
        Integer timesPerWeek,
        Integer everyNDays,
        BigDecimal targetValue,
        String targetUnit,
        String targetDirection,
        int owed,
        int done,
        boolean dueToday) {}
