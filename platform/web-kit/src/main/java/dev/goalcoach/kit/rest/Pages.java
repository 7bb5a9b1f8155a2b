package dev.goalcoach.kit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Reads a paged answer of another service ({@link PageView}'s shape: {@code items}, {@code total}) to its end. */
public final class Pages {

    /**
     * The items of pages 0, 1, … ({@code page} fetches one) until {@code total} are read, a page comes back empty,
     * or {@code maxPages} were read.
     */
    public static List<JsonNode> items(IntFunction<JsonNode> page, int maxPages) {
        var items = new ArrayList<JsonNode>();
        for (int i = 0; i < maxPages; i++) {
            JsonNode answer = page.apply(i);
            answer.path("items").forEach(items::add);
            if (items.size() >= answer.path("total").asLong()
                    || answer.path("items").isEmpty()) {
                break;
            }
        }
        return items;
    }

    private Pages() {}
}
