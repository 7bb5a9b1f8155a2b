package dev.goalcoach.coach;

import java.util.Arrays;
import java.util.Optional;

/** The scheduled coaching's jobs, by the name an admin runs them with ({@code POST /coach/jobs/{job}/run}). */
public enum CoachingJob {
    REMINDERS("reminders"),
    WEEKLY_REVIEW("weekly-review"),
    SUGGESTIONS("suggestions"),
    MONTHLY_REPORT("monthly-report");

    private final String id;

    CoachingJob(String id) {
        this.id = id;
    }

    /** The job's name in the API and in its marks ({@code job_marks.job}). */
    public String id() {
        return id;
    }

    public static Optional<CoachingJob> byId(String id) {
        return Arrays.stream(values()).filter(j -> j.id.equals(id)).findFirst();
    }
}
