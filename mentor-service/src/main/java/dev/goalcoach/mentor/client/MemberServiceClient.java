package dev.goalcoach.mentor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** member-service's sign-in, refresh and sign-out, for the dashboard client's sessions ({@code GOALCOACH_MEMBER_SERVICE_URL}). */
@RegisterRestClient(configKey = "member-service")
@RegisterProvider(RemoteFailures.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface MemberServiceClient {

    /** {@code {email, password}} → {@code {access_token, token_type, expires_in}}; wrong ones: 401. */
    @POST
    @Path("/auth/login")
    JsonNode login(Map<String, String> credentials, @HeaderParam("X-Forwarded-For") String forwardedFor);

    /** {@code {refresh_token}} → a new pair; an unusable token: 401. */
    @POST
    @Path("/auth/refresh")
    JsonNode refresh(Map<String, String> refreshToken);

    /** {@code {refresh_token}}: ends that session at member-service (204). */
    @POST
    @Path("/auth/logout")
    void logout(Map<String, String> refreshToken);
}
