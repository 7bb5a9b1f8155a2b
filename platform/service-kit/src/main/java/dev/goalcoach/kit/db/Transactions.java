package dev.goalcoach.kit.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.OptimisticLockException;
import java.time.Duration;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;

/**
 * A read-modify-write on versioned entities ({@code @Version}) that lost a race with another writer is run again
 * from the start, in a new transaction that reads the winner's row: both writes land, one after the other, and
 * neither is lost. A request that named the revision it expected ({@code If-Match}) then gets its 412.
 */
public final class Transactions {

    private static final int ATTEMPTS = 5;

    /** Runs {@code work} in a transaction of its own, again (up to 5 times, briefly spaced) on a lost race. */
    public static <T> Uni<T> retryingConflicts(Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> Panache.withTransaction(work))
                .onFailure(Transactions::lostRace)
                .retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(100))
                .atMost(ATTEMPTS - 1);
    }

    /** True for an optimistic-lock failure, wherever in the cause chain. */
    public static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private Transactions() {}
}
