package dev.goalcoach.analytics.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** goal-service's API as analytics-service reads it (base URL: {@code GOALCOACH_GOAL_SERVICE_URL}). */
@RegisterRestClient(configKey = "goal-service")
@RegisterProvider(GoalServiceClient.Failures.class)
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

    /** goal-service could not answer now (5xx, 429): worth a retry, then the fallback. */
    final class Unavailable extends RuntimeException {
        public Unavailable(int status) {
            super("goal-service answered " + status);
        }
    }

    /** goal-service refused the request (4xx): its answer stands, no retry, no fallback. */
    final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status) {
            super("goal-service answered " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Maps goal-service's error answers to {@link Unavailable} and {@link Refused}. */
    final class Failures implements ResponseExceptionMapper<RuntimeException> {
        @Override
        public RuntimeException toThrowable(Response response) {
            int status = response.getStatus();
            return status >= 500 || status == 429 ? new Unavailable(status) : new Refused(status);
        }

        @Override
        public boolean handles(int status, MultivaluedMap<String, Object> headers) {
            return status >= 400;
        }
    }
}
