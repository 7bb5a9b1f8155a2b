package dev.goalcoach.mentor.service;

import dev.goalcoach.mentor.client.Analytics;
import dev.goalcoach.mentor.client.GoalService;
import dev.goalcoach.mentor.client.Part;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What other services know of a mentee, each part from its owner with the mentor's token relayed (so each applies
 * its own rules), a part that cannot be had named, never filled in: what the dashboard shows and the copilot reads.
 * Blocking.
 */
@ApplicationScoped
public class MenteeParts {

    /** The parts, and where each came from. */
    public record Gathered(Part goals, Part metrics, Part series, Part journal, Part suggestions) {

        public Map<String, String> sources() {
            var sources = new LinkedHashMap<String, String>();
            sources.put("goals", goals.source());
            sources.put("metrics", metrics.source());
            sources.put("series", series.source());
            sources.put("journal", journal.source());
            sources.put("suggestions", suggestions.source());
            return sources;
        }
    }

    private static final Set<String> OPEN_GOALS = Set.of("ACTIVE", "PAUSED");

    private final GoalService goals;
    private final Analytics analytics;

    public MenteeParts(GoalService goals, Analytics analytics) {
        this.goals = goals;
        this.analytics = analytics;
    }

    public Gathered of(UUID memberId, String authorization) {
        Part goalsPart = goals.goalsOf(memberId, authorization);
        var open = new ArrayList<UUID>();
        if (goalsPart.value() != null) {
            goalsPart.value().forEach(g -> {
                if (open.size() < GoalService.GOALS_WITH_SUGGESTIONS
                        && OPEN_GOALS.contains(g.path("status").asText())) {
                    open.add(UUID.fromString(g.path("id").asText()));
                }
            });
        }
        return new Gathered(
                goalsPart,
                analytics.metricsOf(memberId, authorization),
                analytics.seriesOf(memberId, authorization),
                goals.journalOf(memberId, authorization),
                goalsPart.value() == null ? goalsPart : goals.openSuggestions(open, authorization));
    }
}
