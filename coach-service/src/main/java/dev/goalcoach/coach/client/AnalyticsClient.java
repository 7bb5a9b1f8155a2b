package dev.goalcoach.coach.client;

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

/** analytics-service's API as the coach reads it, the caller's token relayed ({@code GOALCOACH_ANALYTICS_SERVICE_URL}). */
@RegisterRestClient(configKey = "analytics-service")
@RegisterProvider(RemoteFailures.class)
@Produces(MediaType.APPLICATION_JSON)
interface AnalyticsClient {

    @GET
    @Path("/dashboard/analytics/{userId}")
    JsonNode metrics(@PathParam("userId") UUID userId, @HeaderParam("Authorization") String authorization);
}
