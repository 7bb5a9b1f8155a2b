package dev.goalcoach.member.service;

import static dev.goalcoach.kit.members.MemberTable.personal;

import dev.goalcoach.kit.members.MemberData;
import dev.goalcoach.kit.members.MemberTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A member's rows here, for their export: their profile (never the password's hash) and, as a mentor, their
 * cohorts. Erased by {@link MemberService#delete}, which also announces the erasure to every other service.
 */
@ApplicationScoped
public class MemberProfileData implements MemberData {

    private static final List<MemberTable> TABLES = List.of(
            personal("members", "id = :member", "password_hash"), personal("member_groups", "mentor_id = :member"));

    @Override
    public List<MemberTable> tables() {
        return TABLES;
    }
}
