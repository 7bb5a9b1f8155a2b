package dev.goalcoach.goal;

public enum CheckinStatus {
    DONE,
    MISSED,
    /** Rest or vacation: out of the adherence denominator, never breaks a streak. */
    SKIPPED
}
