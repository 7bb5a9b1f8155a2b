package dev.goalcoach.coach;

/** What the scheduled coaching sends a member, in the app and, where they chose, by mail. */
public enum NotificationKind {
    /** The morning's habits, 07:00 daily. */
    REMINDER,
    /** The week in review, Monday 09:00. */
    WEEKLY_REVIEW,
    /** The month's report, the 1st at 08:00. */
    MONTHLY_REPORT
}
