package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.MentorNote;
import dev.goalcoach.mentor.api.MentorDtos.AlertView;
import dev.goalcoach.mentor.api.MentorDtos.InteractionView;
import dev.goalcoach.mentor.api.MentorDtos.NoteView;
import dev.goalcoach.mentor.api.MentorDtos.PatientDashboard;
import dev.goalcoach.mentor.client.Part;
import dev.goalcoach.mentor.repository.AlertRepository;
import dev.goalcoach.mentor.repository.InteractionLog;
import dev.goalcoach.mentor.repository.NoteRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The mentee dashboard: each part from the service that owns it, with the mentor's token relayed (so each service
 * applies its own rules: goal-service shows a mentor the text of shared journal entries only), and a missing part
 * named, never filled in. Each view is a row of the audit, naming the parts shown.
 */
@ApplicationScoped
public class DashboardService {

    static final String KIND = "dashboard";
    static final int NOTES = 5;
    static final int INTERACTIONS = 10;
    static final int ALERTS = 10;

    private final MentorAccess access;
    private final NoteRepository notes;
    private final AlertRepository alerts;
    private final InteractionLog audit;
    private final MenteeParts parts;
    private final Vertx vertx;
    private final Clock clock;

    public DashboardService(
            MentorAccess access,
            NoteRepository notes,
            AlertRepository alerts,
            InteractionLog audit,
            MenteeParts parts,
            Vertx vertx,
            Clock clock) {
        this.access = access;
        this.notes = notes;
        this.alerts = alerts;
        this.audit = audit;
        this.parts = parts;
        this.vertx = vertx;
        this.clock = clock;
    }

    private record Local(MemberDirectory.Entry mentee, List<MentorNote> notes, List<AlertView> alerts) {}

    /**
     * The view: what mentor-service holds (the mentee, the mentor's notes, the mentee's alerts), what the audit
     * holds (the mentor's recent interactions) and what the other services answer are asked for at once, then the
     * view is audited. A refusal fails the view (and is audited); whatever the others answered then goes unused.
     */
    public Uni<PatientDashboard> of(Caller caller, UUID mentorId, UUID memberId, String authorization) {
        MentorAccess.self(caller, mentorId);
        Uni<Local> local = Panache.withSession(() -> access.mentee(caller, memberId, KIND)
                .chain(mentee -> notes.about(memberId, mentorId, 0, NOTES)
                        .chain(found -> alerts.unresolved(memberId, ALERTS)
                                .map(raised -> new Local(mentee, found.notes(), raised)))));
        Uni<MenteeParts.Gathered> remote =
                vertx.executeBlocking(Uni.createFrom().item(() -> parts.of(memberId, authorization)));
        Uni<List<InteractionView>> recent = audit.recent(memberId, mentorId, INTERACTIONS);
        return Uni.combine().all().unis(local, remote, recent).asTuple().chain(t -> {
            var mentee = t.getItem1();
            var gathered = t.getItem2();
            var sources = gathered.sources();
            var view = new PatientDashboard(
                    memberId,
                    mentee.mentee().displayName(),
                    mentee.mentee().timezone(),
                    gathered.goals().value(),
                    gathered.metrics().value(),
                    gathered.series().value(),
                    gathered.journal().value(),
                    gathered.suggestions().value(),
                    mentee.notes().stream().map(NoteView::of).toList(),
                    t.getItem3(),
                    mentee.alerts(),
                    sources);
            return audit.record(caller.id(), memberId, KIND, InteractionLog.ALLOWED, shown(sources), clock.instant())
                    .replaceWith(view);
        });
    }

    /** The audit's words for a view: which parts were shown, and which were missing. */
    static String shown(Map<String, String> sources) {
        var shown = new ArrayList<String>();
        var missing = new ArrayList<String>();
        sources.forEach((part, source) -> (Part.UNAVAILABLE.equals(source) ? missing : shown).add(part));
        return "shown: " + String.join(", ", shown)
                + (missing.isEmpty() ? "" : "; unavailable: " + String.join(", ", missing));
    }
}
