package dev.goalcoach.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The instant a {@code @QuarkusTest} class stands at: before each of its tests the service's business clock is
 * pinned there ({@link ClockCallbacks}), after each it is released to the test clock ({@link TestNow}). A test may
 * move it further by injecting {@code ServiceClock}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface ClockAt {

    /** An ISO instant, such as {@code 2026-11-25T12:00:00Z}. */
    String value();

    /**
     * Whether the clock runs on from the instant rather than standing still there: for tests whose records must
     * keep their order in time (a frozen clock gives them one timestamp). Choose an instant far enough from
     * midnight in the tests' time zones that the day does not change under them.
     */
    boolean running() default false;
}
