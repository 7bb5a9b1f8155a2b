package dev.goalcoach.coach.client;

import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A journal entry's text, fetched from goal-service when it is to be read and then forgotten (decisions/0012): it is
 * never on Kafka nor kept here. Blocking.
 */
@ApplicationScoped
public class JournalTexts {

    private final JournalTextClient client;

    public JournalTexts(@RestClient JournalTextClient client) {
        this.client = client;
    }

    /**
     * The text of the entry at {@code revision} when it belongs to {@code memberId}; empty when it is gone (deleted,
     * its member erased) or edited since (the newer revision has its own event). Any other failure (goal-service
     * down, this service's credentials refused) is thrown: the caller retries, nothing is skipped for it.
     */
    public Optional<String> of(UUID entryId, UUID memberId, long revision) {
        try {
            var answer = client.text(entryId, revision);
            if (!memberId.toString().equals(answer.path("memberId").asText())) {
                return Optional.empty();
            }
            return Optional.of(answer.path("text").asText());
        } catch (RemoteFailures.Refused refused) {
            if (refused.status() == 404) {
                return Optional.empty();
            }
            throw new IllegalStateException("goal-service refused the journal text: " + refused.getMessage());
        }
    }
}
