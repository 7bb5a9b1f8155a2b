package dev.goalcoach.member.service;

import static dev.goalcoach.kit.members.MemberTable.erasedOnly;
import static dev.goalcoach.kit.members.MemberTable.personal;

import dev.goalcoach.kit.members.MemberData;
import dev.goalcoach.kit.members.MemberTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A member's rows here, for their export: their profile (never the password's hash), as a mentor their cohorts,
 * their sessions and mailed links (never the tokens' hashes). Erased by {@link MemberService#delete}, which also announces the erasure to every other service.
 */
@ApplicationScoped
public class MemberProfileData implements MemberData {

    private static final List<MemberTable> TABLES = List.of(
            personal("members", "id = :member", "password_hash"),
            personal("member_groups", "mentor_id = :member"),
            // their sessions and mailed links: when, until when, used or revoked; never the tokens' hashes
            personal("refresh_tokens", "member_id = :member", "token_hash"),
            personal("account_tokens", "member_id = :member", "token_hash"),
            // mail waiting to be sent (bookkeeping: it says what the account's other tables say)
            erasedOnly("mail_outbox", "member_id = :member"));

    @Override
    public List<MemberTable> tables() {
        return TABLES;
    }
}
