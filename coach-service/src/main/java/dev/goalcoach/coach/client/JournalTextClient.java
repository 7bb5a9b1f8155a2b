package dev.goalcoach.coach.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.rest.RemoteFailures;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * goal-service's internal journal API, with coach-service's own token (client credentials at member-service,
 * fetched and renewed by the OIDC client filter; {@code GOALCOACH_CLIENT_SECRET}).
 */
@RegisterRestClient(configKey = "goal-service-internal")
@RegisterProvider(RemoteFailures.class)
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
interface JournalTextClient {

    @GET
    @Path("/internal/journal/{id}")
    JsonNode text(@PathParam("id") UUID entryId, @QueryParam("revision") long revision);
}
