package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.TestNow;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The test kit's {@code @ClockAt}: the class's tests stand at its instant, whatever the one before did. */
@ClockAt("2031-05-05T10:00:00Z")
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClockAtTest {

    private static String admin() {
        return Api.adminToken();
    }

    @Inject
    ServiceClock clock;

    @Test
    @Order(1)
    void eachTestStandsAtTheClassesInstant() {
        as(admin()).get("/admin/clock").then().statusCode(200).body("now", equalTo("2031-05-05T10:00:00Z"));
        clock.runFrom(Instant.parse("1999-12-31T23:59:00Z")); // moved by this test ...
    }

    @Test
    @Order(2)
    void andTheNextStandsThereAgain() {
        // ... and pinned again before the next one
        assertThat(clock.instant()).isEqualTo(Instant.parse("2031-05-05T10:00:00Z"));
        // released (as the kit does after each test), it is the test clock again
        clock.release();
        assertThat(Duration.between(TestNow.instant(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
