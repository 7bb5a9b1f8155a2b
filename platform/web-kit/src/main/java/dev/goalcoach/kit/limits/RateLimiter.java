package dev.goalcoach.kit.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.goalcoach.kit.problem.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * One allowance ({@link Rate}) per key, such as a client address or an account: a Bucket4j token bucket that
 * holds {@code count} and refills {@code count} evenly over {@code per}. Past it the caller is answered 429 with
 * {@code Retry-After}. Buckets live in memory, per replica (with n replicas a key gets up to n times the rate),
 * at most {@code maxKeys} of them: a bucket untouched for a whole period is full again and is forgotten.
 */
public final class RateLimiter {

    private final Rate rate;
    private final String refusal;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /**
     * @param refusal the 429's detail, such as "too many sign-in attempts from this address"
     * @param clock real time (a business clock that jumps would refill or starve every bucket)
     */
    public RateLimiter(Rate rate, String refusal, Clock clock, long maxKeys) {
        this.rate = rate;
        this.refusal = refusal;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(rate.per())
                .build();
    }

    public RateLimiter(Rate rate, String refusal) {
        this(rate, refusal, Clock.systemUTC(), 100_000);
    }

    /** Takes one from {@code key}'s allowance, or throws the 429 problem when none is left. */
    public void take(String key) {
        var probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refused(probe.getNanosToWaitForRefill());
        }
    }

    /** Throws the 429 problem when {@code key}'s allowance is spent; takes nothing (see {@link #charge}). */
    public void check(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return;
        }
        var estimate = bucket.estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            throw refused(estimate.getNanosToWaitForRefill());
        }
    }

    /** Takes one from {@code key}'s allowance if any is left: for what counts only once it happened (a failure). */
    public void charge(String key) {
        bucket(key).tryConsumeAndReturnRemaining(1);
    }

    /** Gives {@code key} its whole allowance back. */
    public void forgive(String key) {
        buckets.invalidate(key);
    }

    public Rate rate() {
        return rate;
    }

    private Bucket bucket(String key) {
        return buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(rate.count()).refillGreedy(rate.count(), rate.per()))
                        .withCustomTimePrecision(time)
                        .build());
    }

    private ProblemException refused(long nanosToWait) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        return new ProblemException(429, "Too Many Requests", refusal + "; try again in " + seconds + " s")
                .retryAfter((int) Math.min(Integer.MAX_VALUE, seconds));
    }
}
