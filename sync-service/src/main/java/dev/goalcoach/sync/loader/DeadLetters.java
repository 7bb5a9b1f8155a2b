package dev.goalcoach.sync.loader;

import dev.goalcoach.events.Topics;
import dev.goalcoach.kit.messaging.DeadLetterHeaders;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * A record the loader cannot turn into rows goes to {@code goalcoach.dlq} as it came, with where it came from and
 * why in {@code dead-letter-*} headers; the batch goes on without it. Sent before the batch commits: a failed send
 * fails the batch, so no record is skipped without its dead letter.
 */
final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Producer<String, byte[]> producer;
    private final String consumer;

    DeadLetters(Producer<String, byte[]> producer, String consumer) {
        this.producer = producer;
        this.consumer = consumer;
    }

    void send(ConsumerRecord<String, byte[]> r, RuntimeException reason) throws Exception {
        var headers = DeadLetterHeaders.of(r, reason.getMessage(), consumer);
        producer.send(new ProducerRecord<>(Topics.DLQ, null, r.key(), r.value(), headers))
                .get(10, TimeUnit.SECONDS);
        LOG.warnf("%s-%d@%d to %s: %s", r.topic(), r.partition(), r.offset(), Topics.DLQ, reason.getMessage());
    }
}
