package dev.goalcoach.mentor.client;

import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Signs a person in at member-service, for the dashboard client: their member-service tokens, or empty when the
 * email or password is wrong (or they are limited: member-service's 429 stands as {@link RemoteFailures.Unavailable}).
 * Never retried (a sign-in counts against the account's failures).
 */
@ApplicationScoped
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
public class MemberSignIn {

    private final MemberServiceClient client;

    public MemberSignIn(@RestClient MemberServiceClient client) {
        this.client = client;
    }

    /** A session's tokens at member-service: the access token to relay, the refresh token that renews it. */
    public record Tokens(String access, String refresh) {}

    /** The tokens, or empty for wrong credentials; {@code address}: the browser's, for member-service's limits. */
    public Optional<Tokens> signIn(String email, String password, String address) {
        try {
            return tokens(client.login(Map.of("email", email, "password", password), address));
        } catch (RemoteFailures.Refused refused) {
            if (refused.status() == 401 || refused.status() == 400) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /** New tokens for a refresh token (which is spent), or empty when member-service refuses it (signed out). */
    public Optional<Tokens> refresh(String refreshToken) {
        try {
            return tokens(client.refresh(Map.of("refresh_token", refreshToken)));
        } catch (RemoteFailures.Refused refused) {
            if (refused.status() == 401 || refused.status() == 400) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /** Ends the session at member-service; a failure is left to the refresh token's own expiry. */
    public void signOut(String refreshToken) {
        try {
            client.logout(Map.of("refresh_token", refreshToken));
        } catch (RuntimeException e) {
            // the local session is gone either way; member-service's lasts until its token expires unused
        }
    }

    private static Optional<Tokens> tokens(com.fasterxml.jackson.databind.JsonNode answer) {
        String access = answer.path("access_token").asText(null);
        return access == null
                ? Optional.empty()
                : Optional.of(new Tokens(access, answer.path("refresh_token").asText(null)));
    }
}
