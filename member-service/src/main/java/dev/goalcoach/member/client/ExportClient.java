package dev.goalcoach.member.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** What another service of the suite answers about a member for their export, the caller's token relayed. */
@Produces(MediaType.APPLICATION_JSON)
public interface ExportClient {

    /** goal-, coach- and mentor-service: their tables ({@code MemberExportResource} of the service kit). */
    @GET
    @Path("/export/members/{id}")
    Uni<JsonNode> tables(@PathParam("id") UUID memberId, @HeaderParam("Authorization") String authorization);

    /** analytics-service: the member's metrics. */
    @GET
    @Path("/dashboard/analytics/{id}")
    Uni<JsonNode> metrics(@PathParam("id") UUID memberId, @HeaderParam("Authorization") String authorization);

    /** analytics-service: the member's daily series. */
    @GET
    @Path("/analytics/members/{id}/series")
    Uni<JsonNode> series(@PathParam("id") UUID memberId, @HeaderParam("Authorization") String authorization);
}
