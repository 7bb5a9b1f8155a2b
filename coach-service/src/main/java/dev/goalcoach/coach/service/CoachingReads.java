package dev.goalcoach.coach.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.coach.api.CoachDtos.FeedPostView;
import dev.goalcoach.coach.api.CoachDtos.NotificationView;
import dev.goalcoach.coach.api.CoachDtos.ReportView;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
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
 * What the scheduled coaching left for people to read: a member's notifications (their own), a cohort's feed (its
 * members, its mentor, admins) and a member's monthly reports (the member, their mentor, admins). Anyone else: 404.
 */
@ApplicationScoped
public class CoachingReads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemberDirectory directory;

    public CoachingReads(MemberDirectory directory) {
        this.directory = directory;
    }

    public Uni<PageView<NotificationView>> notifications(Caller caller, int page, int size) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select id, kind, period, title, body, provider, model, created_at from notifications"
                                        + " where member_id = :m order by created_at desc, id limit :size offset :skip",
                                Object[].class)
                        .setParameter("m", caller.id())
                        .setParameter("size", size)
                        .setParameter("skip", page * size)
                        .getResultList()
                        .chain(rows -> count(s, "notifications", "member_id", caller.id())
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
                                        total)))));
    }

    public Uni<PageView<FeedPostView>> feed(Caller caller, UUID groupId, int page, int size) {
        return Panache.withSession(() -> mayReadGroup(caller, groupId).chain(allowed -> {
            if (!allowed) {
                return Uni.createFrom().failure(ProblemException.notFound("group"));
            }
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
        }));
    }

    public Uni<List<ReportView>> reports(Caller caller, UUID memberId, String month) {
        return Panache.withSession(() -> readable(caller, memberId)
                .chain(() -> Panache.getSession()
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
                                .toList())));
    }

    private Uni<Void> readable(Caller caller, UUID memberId) {
        if (caller.isAdmin() || caller.is(memberId)) {
            return Uni.createFrom().voidItem();
        }
        return directory.find(memberId).map(m -> {
            if (m.isEmpty() || !AccessPolicy.mayRead(caller, memberId, m.get().mentorId())) {
                throw ProblemException.notFound("member");
            }
            return null;
        });
    }

    private Uni<Boolean> mayReadGroup(Caller caller, UUID groupId) {
        if (caller.isAdmin()) {
            return Uni.createFrom().item(true);
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select count(*) from member_directory where not deleted and group_id = :g"
                                        + " and (member_id = :c or mentor_id = :c)",
                                Long.class)
                        .setParameter("g", groupId)
                        .setParameter("c", caller.id())
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
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            return Map.of();
        }
    }
}
