package dev.goalcoach.coach.service;

import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.coach.client.Analytics;
import dev.goalcoach.coach.client.GoalService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * Gathers what the coach may know when it answers a member: goals and check-ins from goal-service, metrics from
 * analytics-service, each asked with the caller's own token so that each service authorizes for itself. A part
 * that cannot be fetched is left out and named in {@code sources}. Blocking.
 */
@ApplicationScoped
public class ContextBuilder {

    private final GoalService goals;
    private final Analytics analytics;

    public ContextBuilder(GoalService goals, Analytics analytics) {
        this.goals = goals;
        this.analytics = analytics;
    }

    public CoachContext forMember(UUID memberId, LocalDate today, String authorization) {
        var memberGoals = goals.goalsOf(memberId, authorization);
        var checkins = goals.recent(memberId, today, authorization);
        var metrics = analytics.metricsOf(memberId, authorization);
        var sources = new LinkedHashMap<String, String>();
        sources.put("goals", memberGoals.source());
        sources.put("checkins", checkins.source());
        sources.put("metrics", metrics.source());
        return new CoachContext(today, memberGoals.value(), metrics.value(), checkins.value(), sources);
    }
}
