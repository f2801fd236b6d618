package io.pensu.flink.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The same job in one JVM with Flink's web UI, for trying it out without a cluster
 * (scripts/run-local.sh). Flink settings come as {@code -Dflink.<key>=value} system properties,
 * e.g. {@code -Dflink.rest.port=8082 -Dflink.execution.checkpointing.dir=file:///tmp/cp}.
 */
public final class LocalPensuJob {

    private static final String FLINK_PREFIX = "flink.";

    private LocalPensuJob() {}

    public static void main(String[] args) throws Exception {
        Configuration flink = new Configuration();
        flink.set(RestOptions.PORT, 8081);
        // The REST API has no authentication: only this machine may reach it unless told otherwise.
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(FLINK_PREFIX))
                .forEach(
                        name ->
                                flink.setString(
                                        name.substring(FLINK_PREFIX.length()),
                                        System.getProperty(name)));
        PensuJob.run(StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink), args);
    }
}
