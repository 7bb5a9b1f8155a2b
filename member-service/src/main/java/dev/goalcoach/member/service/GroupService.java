package dev.goalcoach.member.service;

import static dev.goalcoach.kit.problem.ProblemException.notFound;

import dev.goalcoach.kit.db.Transactions;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.member.MemberFilter;
import dev.goalcoach.member.MemberGroup;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.api.MemberDtos.CreateGroupRequest;
import dev.goalcoach.member.api.MemberDtos.GroupView;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.messaging.MemberEvents;
import dev.goalcoach.member.repository.GroupRepository;
import dev.goalcoach.member.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A mentor's cohorts: created by the mentor (or an admin for them), joined by the mentor's own mentees. */
@ApplicationScoped
public class GroupService {

    private final GroupRepository groups;
    private final MemberRepository members;
    private final MemberService memberService;
    private final MemberEvents events;

    public GroupService(
            GroupRepository groups, MemberRepository members, MemberService memberService, MemberEvents events) {
        this.groups = groups;
        this.members = members;
        this.memberService = memberService;
        this.events = events;
    }

    @WithTransaction
    public Uni<GroupView> create(Caller caller, CreateGroupRequest r) {
        String name = MemberRules.normalizeDisplayName(r.name())
                .orElseThrow(() -> ProblemException.invalidField("name", "must be 1 to 100 printable characters"));
        UUID mentorId;
        if (caller.isAdmin()) {
            if (r.mentorId() == null) {
                throw ProblemException.invalidField("mentorId", "an admin names the mentor whose cohort this is");
            }
            mentorId = r.mentorId();
        } else if (caller.isMentor()) {
            if (r.mentorId() != null && !caller.is(r.mentorId())) {
                throw ProblemException.forbidden("a mentor creates cohorts of their own");
            }
            mentorId = caller.id();
        } else {
            throw ProblemException.forbidden("only mentors and admins create groups");
        }
        return memberService.requireMentor(mentorId).chain(() -> {
            var g = new MemberGroup();
            g.id = UUID.randomUUID();
            g.name = name;
            g.mentorId = mentorId;
            g.revision = 1;
            g.createdAt = memberService.now();
            g.updatedAt = g.createdAt;
            return groups.persist(g).call(events::groupCreated).map(GroupView::of);
        });
    }

    @WithSession
    public Uni<List<GroupView>> list(Caller caller) {
        if (caller.isAdmin()) {
            return groups.listAll().map(l -> l.stream().map(GroupView::of).toList());
        }
        if (caller.isMentor()) {
            return groups.ofMentor(caller.id())
                    .map(l -> l.stream().map(GroupView::of).toList());
        }
        return members.findById(caller.id())
                .chain(self -> self == null || self.groupId == null
                        ? Uni.createFrom().item(List.<GroupView>of())
                        : groups.findById(self.groupId).map(g -> g == null ? List.of() : List.of(GroupView.of(g))));
    }

    @WithSession
    public Uni<GroupView> get(Caller caller, UUID id) {
        return groups.findById(id).chain(g -> {
            if (g == null) {
                return Uni.createFrom().failure(notFound("group"));
            }
            if (caller.isAdmin() || caller.is(g.mentorId)) {
                return Uni.createFrom().item(GroupView.of(g));
            }
            return members.findById(caller.id()).map(self -> {
                if (self == null || !id.equals(self.groupId)) {
                    throw notFound("group");
                }
                return GroupView.of(g);
            });
        });
    }

    @WithSession
    public Uni<PageView<MemberView>> members(Caller caller, UUID id, int page, int size) {
        return managed(caller, id)
                .chain(g -> members.list(new MemberFilter(null, null, id), page, size)
                        .chain(list -> members.count(new MemberFilter(null, null, id))
                                .map(total -> new PageView<>(
                                        list.stream().map(MemberView::of).toList(), page, size, total))));
    }

    public Uni<MemberView> addMember(Caller caller, UUID groupId, UUID memberId) {
        return Transactions.retryingConflicts(() -> managed(caller, groupId)
                .chain(g -> members.findById(memberId).chain(m -> {
                    if (m == null || !(caller.isAdmin() || caller.is(m.mentorId))) {
                        return Uni.createFrom().failure(notFound("member"));
                    }
                    if (!g.mentorId.equals(m.mentorId)) {
                        return Uni.createFrom()
                                .failure(
                                        ProblemException.conflict("only the group's mentor's own mentees can join it"));
                    }
                    if (groupId.equals(m.groupId)) {
                        return Uni.createFrom().item(MemberView.of(m));
                    }
                    m.groupId = groupId;
                    m.touch(memberService.now());
                    return events.updated(m).replaceWith(MemberView.of(m));
                })));
    }

    public Uni<Void> removeMember(Caller caller, UUID groupId, UUID memberId) {
        return Transactions.retryingConflicts(() -> managed(caller, groupId)
                .chain(g -> members.findById(memberId).chain(m -> {
                    if (m == null || !Objects.equals(groupId, m.groupId)) {
                        return Uni.createFrom().failure(notFound("member of this group"));
                    }
                    m.groupId = null;
                    m.touch(memberService.now());
                    return events.updated(m);
                })));
    }

    public Uni<Void> delete(Caller caller, UUID groupId) {
        var at = memberService.now();
        return Transactions.retryingConflicts(() -> managed(caller, groupId)
                .chain(g -> members.inGroup(groupId)
                        .onItem()
                        .transformToMulti(l -> Multi.createFrom().iterable(l))
                        .onItem()
                        .transformToUniAndConcatenate(m -> {
                            m.groupId = null;
                            m.touch(at);
                            return events.updated(m);
                        })
                        .collect()
                        .last()
                        .chain(() -> events.groupDeleted(g, at))
                        .chain(() -> groups.delete(g))));
    }

    /** The group, if {@code caller} runs it (its mentor, or an admin); otherwise 404. */
    private Uni<MemberGroup> managed(Caller caller, UUID groupId) {
        return groups.findById(groupId).map(g -> {
            if (g == null || !(caller.isAdmin() || caller.is(g.mentorId))) {
                throw notFound("group");
            }
            return g;
        });
    }
}
