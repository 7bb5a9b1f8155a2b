package dev.goalcoach.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An evaluation set's bookkeeping (the coach's and the copilot's, offline or on a model): each answer held to its
 * case's facts ({@code must}: case-insensitive substrings it must state) and claims ({@code mustNot}: case-insensitive
 * regular expressions it must not match; a case marked {@code falsePremise} counts a match as a premise accepted),
 * with what the grounding guard found in it; tallied, summed up and written as a Markdown report.
 */
public final class Evaluation {

    /** One question's answer and what was wrong with it (nothing: passed). */
    public record Outcome(String id, String question, String answer, List<String> failures) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Outcome> outcomes = new ArrayList<>();
    private int cases;
    private int facts;
    private int stated;
    private int invented;
    private int premisesAccepted;

    /** A JSON resource of the test class path. */
    public static JsonNode read(String resource) {
        try (InputStream in = Evaluation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts a case (its questions are checked one by one). */
    public void startCase() {
        cases++;
    }

    /**
     * Holds {@code answer} to case {@code c}; {@code ungrounded}: what the grounding guard found in it (null: nothing),
     * {@code inventedCount} how many numbers and names that was.
     */
    public Outcome check(JsonNode c, String question, String answer, String ungrounded, int inventedCount) {
        var failures = new ArrayList<String>();
        for (JsonNode must : c.path("must")) {
            facts++;
            if (answer.toLowerCase(Locale.ROOT).contains(must.asText().toLowerCase(Locale.ROOT))) {
                stated++;
            } else {
                failures.add("does not state \"" + must.asText() + "\"");
            }
        }
        for (JsonNode mustNot : c.path("mustNot")) {
            if (Pattern.compile(mustNot.asText(), Pattern.CASE_INSENSITIVE)
                    .matcher(answer)
                    .find()) {
                failures.add("claims /" + mustNot.asText() + "/");
                if (c.path("falsePremise").asBoolean()) {
                    premisesAccepted++;
                }
            }
        }
        if (ungrounded != null) {
            invented += inventedCount;
            failures.add("not grounded: " + ungrounded);
        }
        var outcome = new Outcome(c.path("id").asText(), question, answer, List.copyOf(failures));
        outcomes.add(outcome);
        return outcome;
    }

    public int questions() {
        return outcomes.size();
    }

    public long passed() {
        return outcomes.stream().filter(o -> o.failures().isEmpty()).count();
    }

    /** "what: 90 of 90 questions passed (42 cases), 217 of 217 facts stated, 0 invented ..., 0 false premises ...". */
    public String summary(String what) {
        return String.format(
                "%s: %d of %d questions passed (%d cases), %d of %d facts stated, %d invented numbers or names,"
                        + " %d false premises accepted",
                what, passed(), questions(), cases, stated, facts, invented, premisesAccepted);
    }

    /** The failed questions, each with its answer. */
    public List<String> failed() {
        return outcomes.stream()
                .filter(o -> !o.failures().isEmpty())
                .map(o -> o.id() + " — " + o.question() + ": " + o.failures() + "\n    "
                        + o.answer().replace("\n", " "))
                .toList();
    }

    /** Writes the summary and every question's outcome as a Markdown table to {@code file}. */
    public void report(Path file, String heading) {
        var out = new StringBuilder("# ")
                .append(heading)
                .append("\n\n| case | question | result | answer |\n|---|---|---|---|\n");
        for (var o : outcomes) {
            out.append("| ")
                    .append(o.id())
                    .append(" | ")
                    .append(o.question())
                    .append(" | ")
                    .append(o.failures().isEmpty() ? "pass" : String.join("; ", o.failures()))
                    .append(" | ")
                    .append(o.answer().replace("\n", " ").replace("|", "\\|"))
                    .append(" |\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
