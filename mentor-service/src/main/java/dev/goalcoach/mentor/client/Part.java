package dev.goalcoach.mentor.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A part of a composed view as another service answered it (passed on as it came), and where it came from: the
 * service's name, {@link #NOT_YET} (nothing computed for the member yet) or {@link #UNAVAILABLE}.
 */
public record Part(JsonNode value, String source) {

    public static final String UNAVAILABLE = "unavailable";
    public static final String NOT_YET = "none yet";

    static Part unavailable() {
        return new Part(null, UNAVAILABLE);
    }
}
