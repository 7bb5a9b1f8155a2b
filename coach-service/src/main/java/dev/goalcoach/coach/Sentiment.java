package dev.goalcoach.coach;

import java.util.List;

/** A journal entry's sentiment: score −1…1, a label (NEGATIVE, NEUTRAL, POSITIVE, MIXED), the emotions named. */
public record Sentiment(double score, String label, List<String> emotions) {

    public static final List<String> LABELS = List.of("NEGATIVE", "NEUTRAL", "POSITIVE", "MIXED");

    public Sentiment {
        emotions = emotions == null ? List.of() : List.copyOf(emotions);
    }

    /** True when it is one the contract allows: score in range, a known label, at most 10 short emotions. */
    public boolean valid() {
        return !Double.isNaN(score)
                && score >= -1
                && score <= 1
                && LABELS.contains(label)
                && emotions.size() <= 10
                && emotions.stream().allMatch(e -> e != null && !e.isBlank() && e.length() <= 40);
    }
}
