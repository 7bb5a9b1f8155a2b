package dev.goalcoach.kit.time;

import dev.goalcoach.clock.ServiceClock;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the service's business clock a bean: injected as a {@link Clock} by business code, as {@link ServiceClock}
 * by what moves it. Created at start-up, so that the {@code prod} profile refuses to start with an offset.
 */
public class BusinessClock {

    @Produces
    @Singleton
    @Startup
    ServiceClock clock(@ConfigProperty(name = "goalcoach.clock.offset") Optional<String> offset) {
        return ServiceClock.of(Clock.systemUTC(), ConfigUtils.getProfiles(), offset.orElse(null));
    }
}
