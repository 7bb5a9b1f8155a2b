package dev.goalcoach.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schemas change compatibly: the data of every event as it was once published (src/test/resources/recorded, one
 * file per shape, never edited) is still valid under today's schema and readable into today's record, so a replay
 * of the topics (kept forever) reads every record on them. And today's shape of each type is among the recorded
 * ones, so a change of shape cannot land without its recording.
 */
@Tag("unit")
class RecordedEventsTest {

    private static final Path RECORDED = Path.of("src/test/resources/recorded");

    static List<Path> recorded() throws IOException {
        try (Stream<Path> files = Files.walk(RECORDED)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("recorded")
    void aRecordedEventIsStillValidAndReadable(Path file) throws IOException {
        var type = EventCatalog.byType(file.getParent().getFileName().toString());
        assertThat(type).as("an event type of the catalog: " + file).isPresent();
        byte[] data = Files.readAllBytes(file);

        assertThat(EventSchemas.problems(type.get(), data)).as(file.toString()).isEmpty();
        Object read = EventJson.read(data, type.get().payloadType());
        // nothing of it is lost on the way through today's record
        assertThat(EventJson.mapper().readTree(EventJson.write(read)))
                .isEqualTo(EventJson.mapper().readTree(data));
    }

    @Test
    void todaysShapeOfEveryTypeIsRecorded() throws IOException {
        var missing = new ArrayList<String>();
        for (var type : EventCatalog.ALL) {
            var today = fields(EventJson.mapper()
                    .readTree(EventJson.write(
                            EventContractTest.SAMPLES.get(type.payloadType()).get())));
            var shapes = new ArrayList<Set<String>>();
            Path dir = RECORDED.resolve(type.type());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        shapes.add(fields(EventJson.mapper().readTree(f.toFile())));
                    }
                }
            }
            if (!shapes.contains(today)) {
                missing.add(type.type() + " " + today);
            }
        }
        assertThat(missing)
                .as("record today's shape of these under " + RECORDED)
                .isEmpty();
    }

    @Test
    void theJournalTextOfOldRecordsStillReadsItsLength() throws IOException {
        var old = EventJson.read(
                Files.readAllBytes(RECORDED.resolve("dev.goalcoach.journal.written.v1/2026-11-29-with-text.json")),
                JournalWritten.class);
        var now = EventJson.read(
                Files.readAllBytes(RECORDED.resolve("dev.goalcoach.journal.written.v1/2026-11-30.json")),
                JournalWritten.class);
        assertThat(old.length()).isEqualTo("Tired but ran.".length());
        assertThat(now.text()).isNull();
        assertThat(now.length()).isEqualTo(14);
    }

    /** The field names of an object, nested ones as {@code a.b} (array items as {@code a[].b}). */
    private static Set<String> fields(JsonNode node) {
        var names = new TreeSet<String>();
        collect(node, "", names);
        return names;
    }

    private static void collect(JsonNode node, String prefix, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                names.add(prefix + e.getKey());
                collect(e.getValue(), prefix + e.getKey() + ".", names);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, prefix.substring(0, prefix.length() - 1) + "[].", names));
        }
    }
}
