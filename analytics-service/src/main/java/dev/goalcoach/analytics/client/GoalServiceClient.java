package dev.goalcoach.analytics.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * goal-service's API as analytics-service reads it (base URL: {@code GOALCOACH_GOAL_SERVICE_URL}); its error answers
 * are {@link RemoteFailures}.
 */
@RegisterRestClient(configKey = "goal-service")
@RegisterProvider(RemoteFailures.class)
@Path("/goals")
public interface GoalServiceClient {

    /** One page of a member's goals with their plans, as the caller may see them ({@code Authorization} relayed). */
    @GET
    @Path("/user/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode goalsOf(
            @PathParam("userId") UUID userId,
            @QueryParam("page") int page,
            @QueryParam("size") int size,
            @HeaderParam("Authorization") String authorization);
}
