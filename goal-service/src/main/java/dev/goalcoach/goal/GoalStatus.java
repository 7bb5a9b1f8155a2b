package dev.goalcoach.goal;

public enum GoalStatus {
    ACTIVE,
    /** On a break (vacation, illness): its days count as skipped, not missed. */
    PAUSED,
    COMPLETED,
    ABANDONED
}
