package dev.goalcoach.analytics;

/** What a cohort is grouped by: its mentor, or its group. */
public enum CohortKind {
    MENTOR,
    GROUP
}
