package dev.goalcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.coach.offline.OfflinePlanner;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.GoalSnapshot;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The plan flow on the real broker, with the offline coach: {@code goal.created} of a goal without a plan in,
 * {@code plan.generated} out (valid against its schema, within the goal's constraints), once per goal whatever
 * is redelivered; goals with their own plan are left alone. (goal-service taking the plan: its own PlanFlowTest;
 * the two together: deploy/local's LocalLauncherIT.)
 */
@ClockAt(PlanFlowTest.AT)
@QuarkusTest
class PlanFlowTest {

    /** 10:00 in Auckland on Thursday 2026-11-26 (21:00 UTC the day before). */
    static final String AT = "2026-11-25T21:00:00Z";

    private static final Instant NOW = Instant.parse(AT);

    private static GoalSnapshot goal(UUID goal, UUID member, String planStatus) {
        return new GoalSnapshot(
                goal,
                member,
                "run 3 times a week, 120 minutes a week",
                "Get back into shape before spring",
                "FITNESS",
                null,
                List.of("WEDNESDAY"),
                LocalDate.parse("2027-02-23"),
                "ACTIVE",
                planStatus,
                List.of(),
                List.of(),
                1,
                NOW);
    }

    private static List<PublishedRecords.Published> plansOf(UUID member, int count) {
        return PublishedRecords.await(
                Topics.COACH,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.PLAN_GENERATED.type()),
                count,
                Duration.ofSeconds(30));
    }

    @Test
    void aGoalWithoutAPlanGetsOneOnce() throws Exception {
        var member = Given.member("Pacific/Auckland", null, null);
        var goalId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.GOAL_CREATED, member, eventId, goal(goalId, member, "PENDING"));
        TestPublisher.publish(EventCatalog.GOAL_CREATED, member, eventId, goal(goalId, member, "PENDING")); // again
        TestPublisher.publish(
                EventCatalog.GOAL_CREATED, member, UUID.randomUUID(), goal(goalId, member, "PENDING")); // another id

        var published = plansOf(member, 1);
        var record = published.get(0);
        assertThat(record.ce()).containsEntry("subject", member.toString()).containsKey("id");
        assertThat(EventSchemas.problems(EventCatalog.PLAN_GENERATED, record.data()))
                .isEmpty();
        var plan = EventJson.read(record.data(), PlanGenerated.class);
        assertThat(plan.goalId()).isEqualTo(goalId);
        assertThat(plan.outcome()).isEqualTo("READY");
        assertThat(plan.provider()).isEqualTo("offline");
        assertThat(plan.model()).isEqualTo(OfflinePlanner.MODEL);
        var today = LocalDate.parse("2026-11-26");
        var run = plan.habits().get(0);
        assertThat(run.title()).isEqualTo("Run");
        assertThat(run.days()).hasSize(3).doesNotContain(DayOfWeek.WEDNESDAY.name());
        assertThat(run.startDate()).isEqualTo(today);
        assertThat(run.targetUnit()).isEqualTo("minutes");
        int weekly = plan.habits().stream()
                .mapToInt(h -> (h.days() == null ? 7 : h.days().size())
                        * h.targetValue().intValue())
                .sum();
        assertThat(weekly).isLessThanOrEqualTo(120);

        // nothing more comes, whatever was redelivered
        assertThat(PublishedRecords.all(
                        Topics.COACH,
                        r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.PLAN_GENERATED.type()),
                        Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(Rows.count("select count(*) from plans where goal_id = '" + goalId + "' and provider = 'offline'"
                        + " and model = 'rules-v1' and outcome = 'READY'"))
                .isEqualTo(1);
    }

    @Test
    void goalsWithTheirOwnPlanAndOtherGoalEventsAreLeftAlone() throws Exception {
        var member = Given.member("UTC", null, null);
        var manual = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.GOAL_CREATED, member, UUID.randomUUID(), goal(manual, member, "MANUAL"));
        TestPublisher.publish(EventCatalog.GOAL_UPDATED, member, UUID.randomUUID(), goal(manual, member, "PENDING"));
        var marker = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.GOAL_CREATED, member, UUID.randomUUID(), goal(marker, member, "PENDING"));

        // the marker's plan comes after whatever the first two would have caused
        var plans = plansOf(member, 1);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(PublishedRecords.all(
                        Topics.COACH,
                        r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.PLAN_GENERATED.type()),
                        Duration.ofSeconds(2)))
                .singleElement()
                .satisfies(r -> assertThat(r.dataAsString()).contains(marker.toString()));
        assertThat(plans).hasSize(1);
        assertThat(Rows.count("select count(*) from plans where member_id = '" + member + "'"))
                .isEqualTo(1);
    }
}
