package dev.goalcoach.coach.service;

import dev.goalcoach.coach.NotificationKind;
import dev.goalcoach.coach.repository.MemberContacts;
import dev.goalcoach.coach.repository.NotificationPreferences.Preferences;
import dev.goalcoach.kit.mail.MailConfig;
import dev.goalcoach.kit.mail.MailQueue;
import dev.goalcoach.kit.mail.OutgoingMail;
import dev.goalcoach.kit.members.MemberDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The scheduled coaching's mail: a reminder, weekly review or monthly report goes by mail too when the member
 * chose it (their preferences), their address is verified, and not during their quiet hours (it then waits for
 * their end). Queued in the job's transaction with its once-per-period mark, so it goes once. Each mail carries an
 * unsubscribe link for its kind (and {@code List-Unsubscribe}, one click in mail clients) and one for all mail.
 */
@ApplicationScoped
public class CoachMails {

    private final MemberContacts contacts;
    private final MemberDirectory directory;
    private final MailQueue queue;
    private final MailConfig mail;
    private final MeterRegistry registry;
    private final Template text;
    private final Template html;

    public CoachMails(
            MemberContacts contacts,
            MemberDirectory directory,
            MailQueue queue,
            MailConfig mail,
            MeterRegistry registry,
            @Location("mail/coaching.txt") Template text,
            @Location("mail/coaching.html") Template html) {
        this.contacts = contacts;
        this.directory = directory;
        this.queue = queue;
        this.mail = mail;
        this.registry = registry;
        this.text = text;
        this.html = html;
    }

    /** Why a notification did or did not go by mail, counted ({@code goalcoach_coach_mail_total{kind,outcome}}). */
    enum Outcome {
        QUEUED,
        DEFERRED,
        NOT_CHOSEN,
        NO_VERIFIED_ADDRESS
    }

    /** Queues the mail of a notification, if it should go; in the caller's transaction. */
    public Uni<Outcome> send(
            UUID memberId, NotificationKind kind, String title, String body, Preferences p, Instant now) {
        if (!p.email() || !p.emailKinds().contains(kind)) {
            return Uni.createFrom().item(count(kind, Outcome.NOT_CHOSEN));
        }
        return contacts.find(memberId).chain(contact -> {
            if (contact.isEmpty() || !contact.get().verified()) {
                return Uni.createFrom().item(count(kind, Outcome.NO_VERIFIED_ADDRESS));
            }
            return directory.find(memberId).chain(entry -> {
                String name = entry.map(e -> e.displayName()).orElse(null);
                ZoneId zone = entry.map(e -> zone(e.timezone())).orElse(ZoneId.of("UTC"));
                Duration wait = p.quiet() == null ? Duration.ZERO : p.quiet().wait(now, zone);
                String unsubscribeKind = unsubscribe(p.unsubscribeToken(), kind);
                String unsubscribeAll = unsubscribe(p.unsubscribeToken(), null);
                var data = new java.util.HashMap<String, Object>();
                data.put("name", name);
                data.put("title", title);
                data.put("body", body);
                data.put("kind", label(kind));
                data.put("unsubscribeKind", unsubscribeKind);
                data.put("unsubscribeAll", unsubscribeAll);
                var m = new OutgoingMail(
                        memberId,
                        kind.name().toLowerCase().replace('_', '-'),
                        contact.get().email(),
                        title,
                        text.data(data).render(),
                        html.data(data).render(),
                        unsubscribeKind);
                Outcome outcome = wait.isZero() ? Outcome.QUEUED : Outcome.DEFERRED;
                return queue.enqueue(m, wait).replaceWith(count(kind, outcome));
            });
        });
    }

    private String unsubscribe(String token, NotificationKind kind) {
        String base = mail.publicUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/notifications/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + (kind == null ? "" : "&kind=" + kind.name());
    }

    static String label(NotificationKind kind) {
        return switch (kind) {
            case REMINDER -> "the daily reminder";
            case WEEKLY_REVIEW -> "the weekly review";
            case MONTHLY_REPORT -> "the monthly report";
        };
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private Outcome count(NotificationKind kind, Outcome outcome) {
        Counter.builder("goalcoach.coach.mail")
                .description("Notifications of the scheduled coaching, by whether they went by mail")
                .tag("kind", kind.name())
                .tag("outcome", outcome.name())
                .register(registry)
                .increment();
        return outcome;
    }
}
