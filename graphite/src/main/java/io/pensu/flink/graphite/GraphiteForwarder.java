package io.pensu.flink.graphite;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Forwards the Graphite lines of Kafka topics to carbon's plaintext listener, as Pensu's demo did
 * with logstash: the job's anomaly and prediction lines, and the input metrics, become Graphite
 * series.
 *
 * <p>At least once: a batch's offsets are committed only after its lines were written and flushed
 * to carbon's socket; after a failure the uncommitted lines are sent again, which Graphite absorbs
 * (a point with the same name and timestamp is overwritten). Reads with {@code read_committed}, so
 * lines of the job's exactly-once transactions arrive once they commit. Lines carbon could not
 * store are skipped and counted. SIGTERM ends it cleanly.
 */
public final class GraphiteForwarder implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GraphiteForwarder.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final ForwarderOptions options;
    private final KafkaConsumer<String, String> consumer;
    private final CarbonConnection carbon;
    private final CarbonLineFilter filter = new CarbonLineFilter();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    public GraphiteForwarder(ForwarderOptions options) {
        this.options = options;
        this.consumer =
                new KafkaConsumer<>(
                        consumerProperties(options),
                        new StringDeserializer(),
                        new StringDeserializer());
        this.carbon =
                new CarbonConnection(
                        options.graphite(), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public static void main(String[] args) throws InterruptedException {
        ForwarderOptions options;
        try {
            options = ForwarderOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GraphiteForwarder: " + e.getMessage());
            System.err.println(ForwarderOptions.USAGE);
            System.exit(2);
            return;
        }
        GraphiteForwarder forwarder = new GraphiteForwarder(options);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(forwarder::stopAndWait, "forwarder-shutdown"));
        forwarder.run();
    }

    static Properties consumerProperties(ForwarderOptions options) {
        Properties props = new Properties();
        props.putAll(options.kafkaProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A forwarder started after the job still charts everything the topics hold.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, options.group());
        return props;
    }

    /** Forwards until {@link #stopAndWait()}; commits what was sent before it returns. */
    @Override
    public void run() {
        LOG.info(
                "Forwarding {} from {} (group {}) to carbon at {}",
                options.topics(),
                options.bootstrapServers(),
                options.group(),
                options.graphite());
        try {
            consumer.subscribe(options.topics());
            while (!stopping) {
                ConsumerRecords<String, String> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty() && !forward(records)) {
                    break;
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Woken up to stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            carbon.close();
            consumer.close();
            LOG.info(
                    "Stopped: {} lines forwarded, {} skipped",
                    filter.forwarded(),
                    filter.skipped());
            finished.countDown();
        }
    }

    /**
     * @return false when stopped before the batch reached carbon (its offsets stay uncommitted)
     */
    private boolean forward(ConsumerRecords<String, String> records) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            filter.addLines(
                    record.value(),
                    record.topic() + "-" + record.partition() + "@" + record.offset(),
                    lines);
        }
        if (!lines.isEmpty() && !carbon.send(lines)) {
            return false;
        }
        try {
            consumer.commitSync();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved on (e.g. carbon was away longer than max.poll.interval.ms): these
            // records come again, and carbon overwrites the points they repeat.
            LOG.warn(
                    "Could not commit offsets ({}); the batch will be forwarded again",
                    e.toString());
        }
        return true;
    }

    /** Stops the loop, from another thread (the SIGTERM hook), and waits until it committed. */
    public void stopAndWait() {
        stopping = true;
        carbon.stop();
        consumer.wakeup();
        try {
            if (!finished.await(30, TimeUnit.SECONDS)) {
                LOG.warn("The forwarder did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long forwardedLines() {
        return filter.forwarded();
    }

    long skippedLines() {
        return filter.skipped();
    }
}
