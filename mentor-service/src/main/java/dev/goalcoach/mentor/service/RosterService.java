package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.members.MemberDirectory;
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
import java.util.Map;
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

    private final MemberDirectory directory;
    private final AlertRepository alerts;
    private final Analytics analytics;
    private final Vertx vertx;

    public RosterService(MemberDirectory directory, AlertRepository alerts, Analytics analytics, Vertx vertx) {
        this.directory = directory;
        this.alerts = alerts;
        this.analytics = analytics;
        this.vertx = vertx;
    }

    private record Local(List<MemberDirectory.Entry> mentees, Map<UUID, Integer> openAlerts) {}

    public Uni<Roster> of(Caller caller, UUID mentorId, String authorization) {
        MentorAccess.self(caller, mentorId);
        return Panache.withSession(() -> directory
                        .menteesOf(mentorId)
                        .chain(mentees -> alerts.openCounts(mentorId).map(open -> new Local(mentees, open))))
                .chain(local -> vertx.executeBlocking(
                                Uni.createFrom().item(() -> analytics.roster(mentorId, authorization)))
                        .map(figures -> {
                            List<Patient> patients = local.mentees().stream()
                                    .map(m -> {
                                        int open = local.openAlerts().getOrDefault(m.memberId(), 0);
                                        return figures.map(f -> f.get(m.memberId()))
                                                .map(p -> new Patient(
                                                        m.memberId(),
                                                        m.displayName(),
                                                        p.riskScore(),
                                                        p.riskLevel(),
                                                        p.adherence7(),
                                                        p.adherence30(),
                                                        p.currentStreak(),
                                                        p.last30(),
                                                        open))
                                                .orElse(new Patient(
                                                        m.memberId(),
                                                        m.displayName(),
                                                        null,
                                                        null,
                                                        null,
                                                        null,
                                                        null,
                                                        List.of(),
                                                        open));
                                    })
                                    .sorted(RISKIEST_FIRST)
                                    .toList();
                            int open = patients.stream()
                                    .mapToInt(Patient::openAlerts)
                                    .sum();
                            return new Roster(
                                    mentorId, figures.isPresent() ? Analytics.SOURCE : UNAVAILABLE, open, patients);
                        }));
    }
}
