package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.api.MentorDtos.Patient;
import dev.goalcoach.mentor.api.MentorDtos.Roster;
import dev.goalcoach.mentor.client.Analytics;
import dev.goalcoach.mentor.repository.AlertRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A mentor's roster: every mentee the member directory knows for them, with analytics-service's figures and the
 * count of their alerts not yet acknowledged, riskiest first. Without analytics-service the list still comes, without figures, and says so.
 */
@ApplicationScoped
public class RosterService {

    public static final String UNAVAILABLE = "unavailable";

    /** Riskiest first; those without a score after the scored ones; then by name and id, so the order is stable. */
    static final Comparator<Patient> RISKIEST_FIRST = Comparator.comparing(
                    Patient::riskScore, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Patient::displayName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Patient::memberId);

    private final AlertRepository alerts;
    private final Analytics analytics;
    private final Vertx vertx;

    public RosterService(AlertRepository alerts, Analytics analytics, Vertx vertx) {
        this.alerts = alerts;
        this.analytics = analytics;
        this.vertx = vertx;
    }

    /**
     * The roster: the mentees and their open alerts (one statement here) and analytics-service's figures, asked at
     * once.
     */
    public Uni<Roster> of(Caller caller, UUID mentorId, String authorization) {
        MentorAccess.self(caller, mentorId);
        Uni<List<AlertRepository.Mentee>> local = Panache.withSession(() -> alerts.menteesOf(mentorId));
        var figures = vertx.executeBlocking(Uni.createFrom().item(() -> analytics.roster(mentorId, authorization)));
        return Uni.combine().all().unis(local, figures).asTuple().map(t -> {
            var mentees = t.getItem1();
            var found = t.getItem2();
            List<Patient> patients = mentees.stream()
                    .map(m -> found.map(f -> f.get(m.memberId()))
                            .map(p -> new Patient(
                                    m.memberId(),
                                    m.displayName(),
                                    p.riskScore(),
                                    p.riskLevel(),
                                    p.adherence7(),
                                    p.adherence30(),
                                    p.currentStreak(),
                                    p.last30(),
                                    m.openAlerts()))
                            .orElse(new Patient(
                                    m.memberId(),
                                    m.displayName(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    List.of(),
                                    m.openAlerts())))
                    .sorted(RISKIEST_FIRST)
                    .toList();
            int open = patients.stream().mapToInt(Patient::openAlerts).sum();
            return new Roster(mentorId, found.isPresent() ? Analytics.SOURCE : UNAVAILABLE, open, patients);
        });
    }
}
