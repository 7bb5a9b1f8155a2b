package dev.goalcoach.mentor;

import dev.goalcoach.testkit.shape.ServiceShape;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** The service shape (docs/ARCHITECTURE.md, "Inside a service") held by this service's classes. */
@Tag("unit")
class ArchitectureTest {

    private static final ServiceShape SHAPE =
            ServiceShape.of("dev.goalcoach.mentor").domain("ai", "offline");

    @TestFactory
    Stream<DynamicTest> shape() {
        return SHAPE.tests();
    }
}
