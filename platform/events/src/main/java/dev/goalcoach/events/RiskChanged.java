package dev.goalcoach.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A member's risk level changed: data of {@code analytics.risk.changed}. {@code previousLevel} is absent on the
 * member's first computation. {@code asOf} is the member's local date the level holds for; a change is identified
 * by (member, level, asOf), so a consumer that sees it twice acts once.
 */
public record RiskChanged(
        UUID memberId,
        String previousLevel,
        String level,
        int score,
        List<Reason> reasons,
        LocalDate asOf,
        Instant changedAt) {

    /** One reason that holds: its code, the points it adds and the figures it is about, in words. */
    public record Reason(String code, int points, String detail) {}
}
