package dev.goalcoach.member;

public enum Role {
    MEMBER,
    MENTOR,
    ADMIN
}
