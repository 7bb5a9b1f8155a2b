package dev.goalcoach.coach;

import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.GoalSnapshot;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Members made known to coach-service the way production does it (member events on the broker), and API calls. */
final class Given {

    /** A member in {@code timezone} (with {@code mentorId} and {@code groupId} or none), once the directory has them. */
    static UUID member(String timezone, UUID mentorId, UUID groupId) {
        return DirectoryMembers.known("MEMBER", timezone, mentorId, groupId);
    }

    /** A mentor in {@code timezone}, once the directory has them. */
    static UUID mentor(String timezone) {
        return DirectoryMembers.known("MENTOR", timezone, null, null);
    }

    /** {@code goal.created} of a goal of {@code member} (keyed by {@code key}: the partition it travels on). */
    static void goalCreated(
            UUID key,
            UUID member,
            UUID goal,
            String title,
            String planStatus,
            Integer minutesPerWeek,
            List<GoalSnapshot.Habit> habits) {
        TestPublisher.publish(
                EventCatalog.GOAL_CREATED,
                key,
                UUID.randomUUID(),
                new GoalSnapshot(
                        goal,
                        member,
                        title,
                        null,
                        "FITNESS",
                        minutesPerWeek,
                        null,
                        null,
                        "ACTIVE",
                        planStatus,
                        List.of(),
                        habits,
                        1,
                        TestNow.instant()));
    }

    /**
     * A goal of {@code member} with its own (MANUAL) plan of {@code habits}, once the coach's copy has it; answers
     * the habit ids in order.
     */
    static List<UUID> goal(UUID member, List<GoalSnapshot.Habit> habits) {
        var goal = UUID.randomUUID();
        goalCreated(member, member, goal, "Be fit", "MANUAL", null, habits);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from coach_habits where goal_id = '" + goal + "'")
                        == habits.size());
        return habits.stream().map(GoalSnapshot.Habit::habitId).toList();
    }

    static GoalSnapshot.Habit habit(String title, String type, List<String> days, Integer timesPerWeek, String start) {
        return new GoalSnapshot.Habit(
                UUID.randomUUID(),
                title,
                type,
                days,
                timesPerWeek,
                null,
                LocalDate.parse(start),
                null,
                null,
                null,
                null,
                true);
    }

    /** Check-ins DONE for {@code habit} on each date, once the coach's copy has them all. */
    static void done(UUID member, UUID habit, List<LocalDate> dates) {
        for (LocalDate d : dates) {
            TestPublisher.publish(
                    EventCatalog.CHECKIN_LOGGED,
                    member,
                    UUID.randomUUID(),
                    new CheckinRecorded(
                            UUID.randomUUID(),
                            member,
                            UUID.randomUUID(),
                            habit,
                            d,
                            "DONE",
                            null,
                            1,
                            TestNow.instant()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from coach_checkins where habit_id = '" + habit + "'")
                        == dates.size());
    }

    private Given() {}
}
