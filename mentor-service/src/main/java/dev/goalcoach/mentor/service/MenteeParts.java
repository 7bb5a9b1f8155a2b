package dev.goalcoach.mentor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.goalcoach.mentor.client.Analytics;
import dev.goalcoach.mentor.client.GoalService;
import dev.goalcoach.mentor.client.Part;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

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
    private final ExecutorService workers;

    public MenteeParts(GoalService goals, Analytics analytics, ExecutorService workers) {
        this.goals = goals;
        this.analytics = analytics;
        this.workers = workers;
    }

    /**
     * The parts, asked at once (on the worker pool and this thread): one part's wait is not added to another's. The
     * open suggestions are those on the goals still open (active or paused) among the goals shown, so they are
     * unavailable when the goals are.
     */
    public Gathered of(UUID memberId, String authorization) {
        var metrics = CompletableFuture.supplyAsync(() -> analytics.metricsOf(memberId, authorization), workers);
        var series = CompletableFuture.supplyAsync(() -> analytics.seriesOf(memberId, authorization), workers);
        var journal = CompletableFuture.supplyAsync(() -> goals.journalOf(memberId, authorization), workers);
        var proposed = CompletableFuture.supplyAsync(() -> goals.openSuggestions(memberId, authorization), workers);
        Part goalsPart = goals.goalsOf(memberId, authorization);
        Part suggestions = goalsPart.value() == null ? goalsPart : onOpenGoals(proposed.join(), goalsPart.value());
        return new Gathered(goalsPart, metrics.join(), series.join(), journal.join(), suggestions);
    }

    private static Part onOpenGoals(Part proposed, JsonNode goals) {
        if (proposed.value() == null) {
            return proposed;
        }
        var open = new HashSet<String>();
        goals.forEach(g -> {
            if (OPEN_GOALS.contains(g.path("status").asText())) {
                open.add(g.path("id").asText());
            }
        });
        var kept = JsonNodeFactory.instance.arrayNode();
        proposed.value().forEach(s -> {
            if (open.contains(s.path("goalId").asText())) {
                kept.add(s);
            }
        });
        return new Part(kept, proposed.source());
    }
}
