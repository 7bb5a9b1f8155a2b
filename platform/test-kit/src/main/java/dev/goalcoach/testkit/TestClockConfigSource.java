package dev.goalcoach.testkit;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts the business clock of every Quarkus application under test at {@link TestNow}: {@code
 * goalcoach.clock.offset}, which the web-kit's clock accepts in the test profile. Found by the ServiceLoader;
 * an explicit {@code GOALCOACH_CLOCK_OFFSET} in the environment (ordinal 300) still wins.
 */
public class TestClockConfigSource implements ConfigSource {

    private static final String OFFSET = "goalcoach.clock.offset";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(OFFSET);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(OFFSET, TestNow.offset().toString());
    }

    @Override
    public String getValue(String propertyName) {
        return OFFSET.equals(propertyName) ? TestNow.offset().toString() : null;
    }

    @Override
    public String getName() {
        return "goalcoach-test-clock";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
