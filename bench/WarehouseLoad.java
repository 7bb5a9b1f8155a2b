import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load generator for bench/warehouse-load.sh: check-in events (CloudEvents, valid against the
 * checkin.logged schema) for MEMBERS members, each a new check-in, at RATE events/s for SECONDS
 * seconds (RATE 0: as fast as the producer goes), or until MAX events are sent. Prints what it sent.
 *
 * usage: java -cp "deploy/local/target/lib/*" bench/WarehouseLoad.java BOOTSTRAP RATE SECONDS MEMBERS [MAX]
 */
public class WarehouseLoad {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int members = Integer.parseInt(args[3]);
        long max = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        var ids = new UUID[members];
        var goals = new UUID[members];
        var habits = new UUID[members];
        for (int i = 0; i < members; i++) {
            ids[i] = UUID.randomUUID();
            goals[i] = UUID.randomUUID();
            habits[i] = UUID.randomUUID();
        }
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long sent = 0;
            LocalDate day = LocalDate.parse("2026-01-01");
            while (System.nanoTime() < end && sent < max) {
                if (rate > 0) {
                    long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                    if (sent >= due) {
                        Thread.sleep(1);
                        continue;
                    }
                }
                int m = (int) (sent % members);
                String key = ids[m].toString();
                String now = Instant.now().toString();
                String data = "{\"checkinId\":\"" + UUID.randomUUID() + "\",\"memberId\":\"" + key
                        + "\",\"goalId\":\"" + goals[m] + "\",\"habitId\":\"" + habits[m]
                        + "\",\"localDate\":\"" + day.plusDays(sent / members % 3000) + "\",\"status\":\"DONE\""
                        + ",\"value\":" + (sent % 100) + ",\"revision\":1,\"recordedAt\":\"" + now + "\"}";
                var headers = new RecordHeaders();
                headers.add("ce_specversion", b("1.0"));
                headers.add("ce_id", b(UUID.randomUUID().toString()));
                headers.add("ce_source", b("/goalcoach/bench"));
                headers.add("ce_type", b("dev.goalcoach.checkin.logged.v1"));
                headers.add("ce_subject", b(key));
                headers.add("ce_time", b(now));
                headers.add("content-type", b("application/json"));
                producer.send(new ProducerRecord<>("goalcoach.checkins", null, key, b(data), headers));
                sent++;
            }
            producer.flush();
            double took = (System.nanoTime() - start) / 1e9;
            System.out.printf("sent %d events in %.1f s (%.0f/s)%n", sent, took, sent / took);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
