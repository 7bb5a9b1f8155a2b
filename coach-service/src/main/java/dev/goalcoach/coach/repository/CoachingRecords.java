package dev.goalcoach.coach.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.goalcoach.coach.api.CoachDtos.FeedPostView;
import dev.goalcoach.coach.api.CoachDtos.NotificationView;
import dev.goalcoach.coach.api.CoachDtos.ReportView;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.kit.rest.PageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What the scheduled coaching writes, in the session of the job's transaction: the job's lock and marks, and the
 * notifications, coach messages, cohort posts and monthly reports it leaves for members to read (each insert once
 * per its natural key, {@code on conflict do nothing}); and those read back, newest first.
 */
@ApplicationScoped
public class CoachingRecords {

    /** Who wrote what the jobs leave: the offline coach (name and model version). */
    public record Author(String provider, String model) {}

    /**
     * Takes the job's advisory lock for this transaction (released at commit). {@code waitTurn}: waits while another
     * run holds it (an admin's run) and answers true; otherwise answers at once, false when another replica runs it.
     */
    public Uni<Boolean> lockJob(String job, boolean waitTurn) {
        String sql = waitTurn
                ? "select true from (select pg_advisory_xact_lock(hashtext(:key))) as held"
                : "select pg_try_advisory_xact_lock(hashtext(:key))";
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(sql, Boolean.class)
                        .setParameter("key", "goalcoach.coach.job." + job)
                        .getSingleResult());
    }

    /** True the first time: the mark of (job, subject, period) is new. */
    public Uni<Boolean> mark(String job, UUID subject, String period, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into job_marks (job, subject, period, created_at) values"
                                + " (:job, :subject, :period, :at) on conflict do nothing")
                        .setParameter("job", job)
                        .setParameter("subject", subject)
                        .setParameter("period", period)
                        .setParameter("at", now)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    public Uni<Integer> notification(
            UUID member, String kind, String period, String title, String body, Author by, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into notifications (id, member_id, kind, period, title, body,"
                                + " provider, model, created_at) values (:id, :member, :kind, :period, :title, :body,"
                                + " :provider, :model, :at) on conflict (member_id, kind, period) do nothing")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("member", member)
                        .setParameter("kind", kind)
                        .setParameter("period", period)
                        .setParameter("title", title)
                        .setParameter("body", body)
                        .setParameter("provider", by.provider())
                        .setParameter("model", by.model())
                        .setParameter("at", now)
                        .executeUpdate());
    }

    /** A message from the coach in the member's chat, with the context it was written from (JSON). */
    public Uni<Void> coachMessage(UUID member, String text, String context, Author by, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into chat_messages (id, member_id, role, text, provider,"
                                + " model, context_used, created_at) values (:id, :member, 'COACH', :text, :provider,"
                                + " :model, :context, :at)")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("member", member)
                        .setParameter("text", text)
                        .setParameter("provider", by.provider())
                        .setParameter("model", by.model())
                        .setParameter("context", context)
                        .setParameter("at", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Integer> feedPost(UUID group, String period, String text, Author by, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into feed_posts (id, group_id, period, text, provider, model,"
                                + " created_at) values (:id, :group, :period, :text, :provider, :model, :at)"
                                + " on conflict do nothing")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("group", group)
                        .setParameter("period", period)
                        .setParameter("text", text)
                        .setParameter("provider", by.provider())
                        .setParameter("model", by.model())
                        .setParameter("at", now)
                        .executeUpdate());
    }

    /** A monthly report ({@code figures} as JSON), once per member and month. */
    public Uni<Integer> report(UUID member, String month, String figures, String text, Author by, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into reports (id, member_id, month, figures, text, provider,"
                                + " model, created_at) values (:id, :member, :month, :figures, :text, :provider,"
                                + " :model, :at) on conflict (member_id, month) do nothing")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("member", member)
                        .setParameter("month", month)
                        .setParameter("figures", figures)
                        .setParameter("text", text)
                        .setParameter("provider", by.provider())
                        .setParameter("model", by.model())
                        .setParameter("at", now)
                        .executeUpdate());
    }

    // what members read back: notifications, cohort posts, reports

    public Uni<PageView<NotificationView>> notifications(UUID member, int page, int size) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select id, kind, period, title, body, provider, model, created_at from notifications"
                                        + " where member_id = :m order by created_at desc, id limit :size offset :skip",
                                Object[].class)
                        .setParameter("m", member)
                        .setParameter("size", size)
                        .setParameter("skip", page * size)
                        .getResultList()
                        .chain(rows -> count(s, "notifications", "member_id", member)
                                .map(total -> new PageView<>(
                                        rows.stream()
                                                .map(r -> new NotificationView(
                                                        (UUID) r[0],
                                                        (String) r[1],
                                                        (String) r[2],
                                                        (String) r[3],
                                                        (String) r[4],
                                                        (String) r[5],
                                                        (String) r[6],
                                                        instant(r[7])))
                                                .toList(),
                                        page,
                                        size,
                                        total))));
    }

    public Uni<PageView<FeedPostView>> feed(UUID groupId, int page, int size) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select id, group_id, period, text, provider, model, created_at from feed_posts"
                                        + " where group_id = :g order by created_at desc, id limit :size offset :skip",
                                Object[].class)
                        .setParameter("g", groupId)
                        .setParameter("size", size)
                        .setParameter("skip", page * size)
                        .getResultList()
                        .chain(rows -> count(s, "feed_posts", "group_id", groupId)
                                .map(total -> new PageView<>(
                                        rows.stream()
                                                .map(r -> new FeedPostView(
                                                        (UUID) r[0],
                                                        (UUID) r[1],
                                                        (String) r[2],
                                                        (String) r[3],
                                                        (String) r[4],
                                                        (String) r[5],
                                                        instant(r[6])))
                                                .toList(),
                                        page,
                                        size,
                                        total))));
    }

    public Uni<List<ReportView>> reports(UUID memberId, String month) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select id, member_id, month, figures, text, provider, model, created_at from reports"
                                        + " where member_id = :m and (cast(:month as text) is null or month = :month)"
                                        + " order by month desc",
                                Object[].class)
                        .setParameter("m", memberId)
                        .setParameter("month", month)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new ReportView(
                                (UUID) r[0],
                                (UUID) r[1],
                                (String) r[2],
                                figures((String) r[3]),
                                (String) r[4],
                                (String) r[5],
                                (String) r[6],
                                instant(r[7])))
                        .toList());
    }

    /** Whether {@code member} is in the cohort or mentors it. */
    public Uni<Boolean> inGroup(UUID groupId, UUID member) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select count(*) from member_directory where not deleted and group_id = :g"
                                        + " and (member_id = :c or mentor_id = :c)",
                                Long.class)
                        .setParameter("g", groupId)
                        .setParameter("c", member)
                        .getSingleResult()
                        .map(n -> n > 0));
    }

    private static Uni<Long> count(Mutiny.Session s, String table, String column, UUID id) {
        return s.createNativeQuery("select count(*) from " + table + " where " + column + " = :id", Long.class)
                .setParameter("id", id)
                .getSingleResult();
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }

    private static Map<String, Object> figures(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            return Map.of();
        }
    }
}
