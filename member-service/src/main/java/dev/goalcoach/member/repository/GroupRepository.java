package dev.goalcoach.member.repository;

import dev.goalcoach.member.MemberGroup;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<MemberGroup, UUID> {

    public Uni<List<MemberGroup>> ofMentor(UUID mentorId) {
        return list("mentorId", mentorId);
    }
}
