package dev.goalcoach.mentor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** goal-service's API as a mentor reads it, their token relayed ({@code GOALCOACH_GOAL_SERVICE_URL}). */
@RegisterRestClient(configKey = "goal-service")
@RegisterProvider(RemoteFailures.class)
@Produces(MediaType.APPLICATION_JSON)
interface GoalServiceClient {

    @GET
    @Path("/goals/user/{userId}")
    JsonNode goalsOf(
            @PathParam("userId") UUID userId,
            @QueryParam("page") int page,
            @QueryParam("size") int size,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/journal")
    JsonNode journal(
            @QueryParam("memberId") UUID memberId,
            @QueryParam("size") int size,
            @HeaderParam("Authorization") String authorization);

    /** {@code status}: {@code PROPOSED} for those still open. */
    @GET
    @Path("/suggestions")
    JsonNode suggestionsOf(
            @QueryParam("memberId") UUID memberId,
            @QueryParam("status") String status,
            @HeaderParam("Authorization") String authorization);

    /** {@code decision}: {@code accept} or {@code reject}; the body {@code {note?}}. */
    @POST
    @Path("/suggestions/{id}/{decision}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode decide(
            @PathParam("id") UUID id,
            @PathParam("decision") String decision,
            Map<String, String> body,
            @HeaderParam("Authorization") String authorization);
}
