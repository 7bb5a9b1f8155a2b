package dev.goalcoach.coach.service;

import dev.goalcoach.coach.api.CoachDtos.FeedPostView;
import dev.goalcoach.coach.api.CoachDtos.NotificationView;
import dev.goalcoach.coach.api.CoachDtos.ReportView;
import dev.goalcoach.coach.repository.CoachingRecords;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * What the scheduled coaching left for people to read: a member's notifications (their own), a cohort's feed (its
 * members, its mentor, admins) and a member's monthly reports (the member, their mentor, admins). Anyone else: 404.
 */
@ApplicationScoped
public class CoachingReads {

    private final MemberDirectory directory;
    private final CoachingRecords records;

    public CoachingReads(MemberDirectory directory, CoachingRecords records) {
        this.directory = directory;
        this.records = records;
    }

    public Uni<PageView<NotificationView>> notifications(Caller caller, int page, int size) {
        return Panache.withSession(() -> records.notifications(caller.id(), page, size));
    }

    public Uni<PageView<FeedPostView>> feed(Caller caller, UUID groupId, int page, int size) {
        return Panache.withSession(() -> mayReadGroup(caller, groupId).chain(allowed -> {
            if (!allowed) {
                return Uni.createFrom().failure(ProblemException.notFound("group"));
            }
            return records.feed(groupId, page, size);
        }));
    }

    public Uni<List<ReportView>> reports(Caller caller, UUID memberId, String month) {
        return Panache.withSession(() -> readable(caller, memberId).chain(() -> records.reports(memberId, month)));
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
        return records.inGroup(groupId, caller.id());
    }
}
