package io.pensu.flink.job;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.pensu.flink.job.JobTestSupport.carbonRecords;
import static io.pensu.flink.job.JobTestSupport.environment;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.total;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static org.assertj.core.api.Assertions.assertThat;

/** The job started before its input topic exists waits for it, without failing over. */
class MissingInputTopicITCase extends KafkaJobTestBase {

    @Test
    void waitsForTheInputTopicAndReadsItOnceCreated(
            @InjectClusterClient RestClusterClient<?> cluster) throws Exception {
        Map<String, String> env = environment(kafka, "late-input");
        env.put("PENSU_TOPICS_REPORT_INTERVAL", "1");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        kafka.createTopics(2, JobTestSupport.outputTopics(config).toArray(String[]::new));

        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        flink.setParallelism(2);
        PensuJob.defineJob(flink, config);
        JobClient job = flink.executeAsync("pensu-late-input");
        try {
            // A heartbeat is committed with a checkpoint: the job runs, without its input topic.
            kafka.drain(config.get(Settings.TOPICS_KAFKA_TOPIC), 1, TIMEOUT, Duration.ZERO);

            kafka.createTopics(2, config.get(Settings.METRICS_KAFKA_TOPIC));
            List<Sample> samples = interleaved(40, "web.cpu", "web.mem");
            kafka.produce(config.get(Settings.METRICS_KAFKA_TOPIC), 1, carbonRecords(samples));

            Map<String, List<String>> expected =
                    expectedOutputs(config, uninterrupted(config, samples))
                            .get(config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC));
            assertThat(
                            KafkaTestCluster.valuesByKey(
                                    kafka.drain(
                                            config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                                            total(expected),
                                            TIMEOUT,
                                            SETTLE)))
                    .isEqualTo(expected);
            var details = cluster.getJobDetails(job.getJobID()).get();
            assertThat(details.getJobStatus()).isEqualTo(JobStatus.RUNNING);
            assertThat(details.getTimestamps().getOrDefault(JobStatus.RESTARTING, 0L))
                    .as("when the job last restarted (0: never)")
                    .isZero();
        } finally {
            job.cancel().get();
        }
    }
}
