package io.pensu.flink.job;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real single-node KRaft Kafka broker in the test JVM, with helpers to feed and drain topics. */
public final class KafkaTestCluster implements AutoCloseable {

    /**
     * The super user of a SASL broker, which the test kit's JAAS file knows; without ACLs, other
     * users may do nothing.
     */
    public static final String SASL_USER = JaasUtils.KAFKA_PLAIN_ADMIN;

    public static final String SASL_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

    private final KafkaClusterTestKit kit;
    private final Map<String, String> clientSecurity;

    private KafkaTestCluster(KafkaClusterTestKit kit, Map<String, String> clientSecurity) {
        this.kit = kit;
        this.clientSecurity = clientSecurity;
    }

    /** A broker with a plaintext listener and no authentication. */
    public static KafkaTestCluster start() throws Exception {
        return start(SecurityProtocol.PLAINTEXT, Map.of());
    }

    /** A broker whose clients must authenticate with SASL/PLAIN, on a plaintext connection. */
    public static KafkaTestCluster startWithSaslPlain() throws Exception {
        return start(SecurityProtocol.SASL_PLAINTEXT, saslPlainClient(SASL_USER, SASL_PASSWORD));
    }

    /** The client settings that log in to a SASL/PLAIN broker as {@code user}. */
    public static Map<String, String> saslPlainClient(String user, String password) {
        return Map.of(
                "security.protocol",
                SecurityProtocol.SASL_PLAINTEXT.name,
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";");
    }

    private static KafkaTestCluster start(
            SecurityProtocol protocol, Map<String, String> clientSecurity) throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(protocol)
                        .setControllerSecurityProtocol(protocol)
                        .build();
        KafkaClusterTestKit kit =
                new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return new KafkaTestCluster(kit, clientSecurity);
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Settings every client of this broker needs besides bootstrap.servers: none, or SASL's. */
    public Map<String, String> clientSecurity() {
        return clientSecurity;
    }

    /** Clients of this broker: topics to create, records to write and read. */
    public KafkaTopics topics() {
        return new KafkaTopics(bootstrapServers(), clientSecurity);
    }

    public void createTopics(int partitions, String... topics) throws Exception {
        topics().createTopics(partitions, topics);
    }

    /** Writes each payload as one record, to the given partition, in order. */
    public void produce(String topic, int partition, List<byte[]> payloads) {
        topics().produce(topic, partition, payloads);
    }

    /**
     * Appends one record without a timestamp (-1), as message formats before Kafka 0.10 and some
     * non-Java clients write them. KafkaProducer refuses a negative timestamp, so this speaks the
     * produce protocol itself: version 3, the oldest that brokers still take.
     */
    public void produceWithoutTimestamp(String topic, int partition, byte[] payload)
            throws IOException {
        short version = 3;
        MemoryRecords records =
                MemoryRecords.withRecords(
                        Compression.NONE,
                        new SimpleRecord(RecordBatch.NO_TIMESTAMP, null, payload));
        ProduceRequestData.TopicProduceData topicData =
                new ProduceRequestData.TopicProduceData()
                        .setName(topic)
                        .setPartitionData(
                                List.of(
                                        new ProduceRequestData.PartitionProduceData()
                                                .setIndex(partition)
                                                .setRecords(records)));
        ProduceRequestData data =
                new ProduceRequestData()
                        .setAcks((short) -1)
                        .setTimeoutMs(30_000)
                        .setTopicData(
                                new ProduceRequestData.TopicProduceDataCollection(
                                        List.of(topicData).iterator()));
        ByteBuffer request =
                new ProduceRequest.Builder(version, version, data)
                        .build(version)
                        .serializeWithHeader(
                                new RequestHeader(ApiKeys.PRODUCE, version, "pensu-test", 1));
        String broker = bootstrapServers().split(",")[0].replaceFirst("^.*://", "");
        int colon = broker.lastIndexOf(':');
        try (Socket socket =
                new Socket(
                        broker.substring(0, colon),
                        Integer.parseInt(broker.substring(colon + 1)))) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] bytes = new byte[request.remaining()];
            request.get(bytes);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteBuffer response = ByteBuffer.wrap(in.readNBytes(in.readInt()));
            ResponseHeader.parse(response, ApiKeys.PRODUCE.responseHeaderVersion(version));
            ProduceResponse.parse(new ByteBufferAccessor(response), version)
                    .data()
                    .responses()
                    .forEach(
                            t ->
                                    t.partitionResponses().stream()
                                            .map(p -> Errors.forCode(p.errorCode()))
                                            .filter(error -> error != Errors.NONE)
                                            .forEach(
                                                    error -> {
                                                        throw new AssertionError(
                                                                "the broker refused the record: "
                                                                        + error);
                                                    }));
        }
    }

    /**
     * Reads committed records of {@code topic} until {@code expected} have arrived, then keeps
     * reading for {@code settle} to catch any extra (duplicate) record; fails on timeout.
     */
    public List<ConsumerRecord<String, String>> drain(
            String topic, int expected, Duration timeout, Duration settle) {
        return topics().drain(topic, expected, timeout, settle);
    }

    /** Record values grouped by key, each key's in the order read, for comparing runs. */
    public static Map<String, List<String>> valuesByKey(
            List<ConsumerRecord<String, String>> records) {
        return KafkaTopics.valuesByKey(records);
    }

    public void restartBroker() throws Exception {
        for (var broker : kit.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
            broker.startup();
        }
        kit.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
