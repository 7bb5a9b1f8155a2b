package dev.goalcoach.events;

import java.util.List;

/** Kafka topic names. Every record is keyed by the member id it concerns, for per-member ordering. */
public final class Topics {
    public static final String MEMBERS = "goalcoach.members";
    /** Members' mail addresses, for the services that send mail: never loaded into the warehouse; compacted. */
    public static final String CONTACTS = "goalcoach.contacts";

    public static final String GOALS = "goalcoach.goals";
    public static final String CHECKINS = "goalcoach.checkins";
    public static final String JOURNAL = "goalcoach.journal";
    public static final String COACH = "goalcoach.coach";
    public static final String MENTOR = "goalcoach.mentor";
    public static final String WAREHOUSE = "goalcoach.warehouse";
    public static final String ANALYTICS = "goalcoach.analytics";
    public static final String DLQ = "goalcoach.dlq";

    public static final List<String> ALL =
            List.of(MEMBERS, CONTACTS, GOALS, CHECKINS, JOURNAL, COACH, MENTOR, WAREHOUSE, ANALYTICS, DLQ);

    private Topics() {}
}
