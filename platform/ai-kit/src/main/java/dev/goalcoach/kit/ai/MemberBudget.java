package dev.goalcoach.kit.ai;

import dev.goalcoach.kit.limits.Rate;
import dev.goalcoach.kit.limits.RateLimiter;
import dev.goalcoach.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What one member may ask of a model: at most {@code requests-per-minute} AI requests (a chat message, a plan
 * preview, a copilot question) in any minute, and at most {@code tokens-per-day} model tokens a UTC day (from the usage ledger, so
 * shared by every replica). Past either the request is answered 429 with {@code Retry-After}. The rate is a token
 * bucket per member and replica (with n replicas a member may get n times the rate: the token budget still holds).
 * Blocking: the token check reads the ledger.
 */
@ApplicationScoped
public class MemberBudget {

    private final AiConfig config;
    private final UsageLedger ledger;
    private final Clock clock;
    private final RateLimiter perMinute;

    public MemberBudget(AiConfig config, UsageLedger ledger, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
        int rate = config.budget().requestsPerMinute();
        this.perMinute =
                new RateLimiter(new Rate(rate, Duration.ofMinutes(1)), "at most " + rate + " AI requests a minute");
    }

    /** Admits one AI request of {@code memberId}, or throws the 429 problem. */
    public void admit(UUID memberId) {
        Instant now = clock.instant();
        Instant midnight = midnight(now);
        long spent;
        try {
            spent = ledger.tokensSince(memberId, midnight);
        } catch (SQLException e) {
            throw new IllegalStateException("usage ledger unreadable", e);
        }
        if (spent >= config.budget().tokensPerDay()) {
            long wait = Duration.between(now, midnight.plus(Duration.ofDays(1))).toSeconds() + 1;
            throw new ProblemException(
                            429,
                            "Too Many Requests",
                            "today's AI budget is spent (" + spent + " of "
                                    + config.budget().tokensPerDay() + " tokens); it renews at midnight UTC")
                    .retryAfter((int) wait);
        }
        perMinute.take(memberId.toString());
    }

    /** True while the member has model tokens left today (background work then uses the model, else the rules). */
    public boolean hasTokensLeft(UUID memberId) {
        try {
            return ledger.tokensSince(memberId, midnight(clock.instant()))
                    < config.budget().tokensPerDay();
        } catch (SQLException e) {
            return false;
        }
    }

    private static Instant midnight(Instant now) {
        return now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    }
}
