package dev.goalcoach.mentor.client;

import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Signs a person in at member-service, for the dashboard client: their member-service token, or empty when the
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

    /** The access token, or empty for wrong credentials; {@code address}: the browser's, for member-service's limits. */
    public Optional<String> signIn(String email, String password, String address) {
        try {
            var answer = client.login(Map.of("email", email, "password", password), address);
            return Optional.ofNullable(answer.path("access_token").asText(null));
        } catch (RemoteFailures.Refused refused) {
            if (refused.status() == 401 || refused.status() == 400) {
                return Optional.empty();
            }
            throw refused;
        }
    }
}
