package dev.goalcoach.kit.time;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Moves this service's business clock, for a demo or a launcher-level test that simulates days (dev and test
 * profiles; in {@code prod} the clock cannot be moved and this answers 404). Not routed by the gateway: each
 * service is asked on its own port.
 */
@Path("/admin/clock")
@RolesAllowed(Roles.ADMIN)
public class ClockResource {

    /** What the clock says: its instant, its offset from the real time, whether it may be moved. */
    public record ClockState(Instant now, String offset, boolean adjustable) {}

    /** Either an offset from the real time (ISO-8601, {@code P3D}) or the instant to run on from ({@code now}). */
    public record ClockChange(String offset, Instant now) {}

    private final ServiceClock clock;

    public ClockResource(ServiceClock clock) {
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The service's business clock (admin)")
    public ClockState get() {
        return state();
    }

    @PUT
    @Operation(summary = "Run the business clock at an offset, or from an instant on (admin; dev and test only)")
    public ClockState put(@NotNull ClockChange change) {
        if (!clock.adjustable()) {
            throw ProblemException.notFound("an adjustable clock");
        }
        if ((change.offset() == null) == (change.now() == null)) {
            throw ProblemException.badRequest("give either offset (an ISO-8601 duration such as P3D) or now");
        }
        if (change.now() != null) {
            clock.runFrom(change.now());
        } else {
            try {
                clock.setOffset(ServiceClock.parseOffset(change.offset()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("offset", "an ISO-8601 duration such as P3D or -PT2H, please");
            }
        }
        return state();
    }

    private ClockState state() {
        return new ClockState(clock.instant(), clock.offset().toString(), clock.adjustable());
    }
}
