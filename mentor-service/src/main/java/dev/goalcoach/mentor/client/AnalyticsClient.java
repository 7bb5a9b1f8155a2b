package dev.goalcoach.mentor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** analytics-service's API as mentor-service reads it, the mentor's token relayed. */
@RegisterRestClient(configKey = "analytics-service")
@RegisterProvider(RemoteFailures.class)
@Produces(MediaType.APPLICATION_JSON)
interface AnalyticsClient {

    @GET
    @Path("/analytics/mentors/{mentorId}/roster")
    JsonNode roster(@PathParam("mentorId") UUID mentorId, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/dashboard/analytics/{userId}")
    JsonNode metrics(@PathParam("userId") UUID userId, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/analytics/members/{userId}/series")
    JsonNode series(@PathParam("userId") UUID userId, @HeaderParam("Authorization") String authorization);
}
