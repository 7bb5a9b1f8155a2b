package dev.goalcoach.coach.service;

import static dev.goalcoach.kit.problem.ProblemException.invalidField;

import dev.goalcoach.coach.NotificationKind;
import dev.goalcoach.coach.QuietHours;
import dev.goalcoach.coach.api.CoachDtos.PreferencesRequest;
import dev.goalcoach.coach.api.CoachDtos.PreferencesView;
import dev.goalcoach.coach.api.CoachDtos.QuietHoursView;
import dev.goalcoach.coach.repository.MemberContacts;
import dev.goalcoach.coach.repository.NotificationPreferences;
import dev.goalcoach.coach.repository.NotificationPreferences.Preferences;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A member's notification preferences (their own only: the caller's), and the unsubscribe links, which work without
 * signing in: a link's token names the member and can do nothing but turn mail off.
 */
@ApplicationScoped
public class NotificationSettings {

    private final NotificationPreferences preferences;
    private final MemberContacts contacts;
    private final Clock clock;

    public NotificationSettings(NotificationPreferences preferences, MemberContacts contacts, Clock clock) {
        this.preferences = preferences;
        this.contacts = contacts;
        this.clock = clock;
    }

    public Uni<PreferencesView> mine(Caller caller) {
        return Panache.withTransaction(() -> preferences.of(caller.id(), clock.instant()))
                .chain(p -> view(caller.id(), p));
    }

    public Uni<PreferencesView> choose(Caller caller, PreferencesRequest r) {
        QuietHours quiet = null;
        if (r.quietHours() != null) {
            var start = LocalTime.parse(r.quietHours().start());
            var end = LocalTime.parse(r.quietHours().end());
            if (start.equals(end)) {
                throw invalidField("quietHours", "start and end must differ");
            }
            quiet = new QuietHours(start, end);
        }
        var kinds = EnumSet.noneOf(NotificationKind.class);
        r.emailKinds().forEach(k -> kinds.add(NotificationKind.valueOf(k)));
        var chosen = new Preferences(r.inApp(), r.email(), kinds, quiet, null);
        return Panache.withTransaction(() -> preferences.save(caller.id(), chosen, clock.instant()))
                .chain(p -> view(caller.id(), p));
    }

    /** An unsubscribe link followed: whose mail stopped, or empty for a token that is no one's. */
    public Uni<Optional<UUID>> unsubscribe(String token, String kind) {
        if (token == null || token.isBlank() || token.length() > 64) {
            return Uni.createFrom().item(Optional.empty());
        }
        NotificationKind k;
        try {
            k = kind == null || kind.isBlank() ? null : NotificationKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withTransaction(() -> preferences.unsubscribe(token, k, clock.instant()));
    }

    private Uni<PreferencesView> view(UUID memberId, Preferences p) {
        return Panache.withSession(() -> contacts.find(memberId))
                .map(contact -> new PreferencesView(
                        p.inApp(),
                        p.email(),
                        p.emailKinds().stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)),
                        p.quiet() == null
                                ? null
                                : new QuietHoursView(
                                        p.quiet().start().toString(),
                                        p.quiet().end().toString()),
                        contact.map(MemberContacts.Contact::email).orElse(null),
                        contact.map(MemberContacts.Contact::verified).orElse(false)));
    }
}
