package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.api.GoalDtos.GoalView;
import dev.goalcoach.goal.api.GoalDtos.HabitUpdate;
import dev.goalcoach.goal.service.HabitService;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/habits")
@Tag(name = "habits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class HabitResource {

    private final HabitService habits;
    private final JsonWebToken token;

    public HabitResource(HabitService habits, JsonWebToken token) {
        this.habits = habits;
        this.token = token;
    }

    @PUT
    @Path("/{habitId}")
    @Operation(summary = "Change a habit (title, schedule, target, reminders, active); answers the goal's plan")
    public Uni<GoalView> update(@PathParam("habitId") UUID habitId, @NotNull @Valid HabitUpdate request) {
        return habits.updateHabit(Caller.of(token), habitId, request);
    }
}
