package dev.goalcoach.coach.repository;

import dev.goalcoach.coach.NotificationKind;
import dev.goalcoach.coach.QuietHours;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Members' notification preferences ({@code notification_preferences}) and their unsubscribe tokens. */
@ApplicationScoped
public class NotificationPreferences {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A member's preferences; {@code quiet} null: none. */
    public record Preferences(
            boolean inApp,
            boolean email,
            Set<NotificationKind> emailKinds,
            QuietHours quiet,
            String unsubscribeToken) {}

    /** The member's preferences, made with the defaults (everything, both ways) the first time they are read. */
    public Uni<Preferences> of(UUID memberId, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into notification_preferences (member_id, unsubscribe_token,"
                                + " updated_at) values (:member, :token, :at) on conflict (member_id) do nothing")
                        .setParameter("member", memberId)
                        .setParameter("token", token())
                        .setParameter("at", now)
                        .executeUpdate())
                .chain(() -> read("member_id = :key", memberId))
                .map(Optional::orElseThrow);
    }

    /** Stores what the member chose (the token stays). */
    public Uni<Preferences> save(UUID memberId, Preferences p, Instant now) {
        return of(memberId, now)
                .chain(() -> Panache.getSession())
                .chain(s -> s.createNativeQuery("update notification_preferences set in_app = :inApp, email = :email,"
                                + " email_kinds = :kinds, quiet_start = :start, quiet_end = :end, updated_at = :at"
                                + " where member_id = :member")
                        .setParameter("inApp", p.inApp())
                        .setParameter("email", p.email())
                        .setParameter("kinds", array(p.emailKinds()))
                        .setParameter(
                                "start", p.quiet() == null ? null : p.quiet().start())
                        .setParameter(
                                "end", p.quiet() == null ? null : p.quiet().end())
                        .setParameter("at", now)
                        .setParameter("member", memberId)
                        .executeUpdate())
                .chain(() -> read("member_id = :key", memberId))
                .map(Optional::orElseThrow);
    }

    /**
     * An unsubscribe link followed: {@code kind} no longer by mail, or no mail at all when {@code kind} is null.
     * Answers whose preferences changed; empty for an unknown token.
     */
    public Uni<Optional<UUID>> unsubscribe(String token, NotificationKind kind, Instant now) {
        String set = kind == null ? "email = false" : "email_kinds = array_remove(email_kinds, '" + kind.name() + "')";
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "update notification_preferences set " + set + ", updated_at = :at"
                                        + " where unsubscribe_token = :token returning member_id",
                                UUID.class)
                        .setParameter("at", now)
                        .setParameter("token", token)
                        .getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    private Uni<Optional<Preferences>> read(String where, Object key) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select in_app, email, array_to_string(email_kinds, ','), cast(quiet_start as text),"
                                        + " cast(quiet_end as text), unsubscribe_token from notification_preferences"
                                        + " where " + where,
                                Object[].class)
                        .setParameter("key", key)
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> {
                    var kinds = EnumSet.noneOf(NotificationKind.class);
                    Arrays.stream(((String) r[2]).split(","))
                            .filter(k -> !k.isBlank())
                            .forEach(k -> kinds.add(NotificationKind.valueOf(k)));
                    QuietHours quiet = r[3] == null
                            ? null
                            : new QuietHours(LocalTime.parse((String) r[3]), LocalTime.parse((String) r[4]));
                    return new Preferences((Boolean) r[0], (Boolean) r[1], kinds, quiet, (String) r[5]);
                }));
    }

    /** The kinds as the text[] column holds them. */
    private static String[] array(Set<NotificationKind> kinds) {
        return kinds.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
