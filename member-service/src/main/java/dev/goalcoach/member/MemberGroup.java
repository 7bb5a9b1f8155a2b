package dev.goalcoach.member;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A mentor's cohort: members of one mentor who share a feed and are compared as a group. */
@Entity
@Table(name = "member_groups")
public class MemberGroup {

    @Id
    public UUID id;

    public String name;

    @Column(name = "mentor_id")
    public UUID mentorId;

    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
