package io.pensu.flink.job.status;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.util.SerializedThrowable;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What Flink's CLI does not show of a job, from the cluster's REST API through Flink's own client:
 * whether every task runs, the checkpoints, and the job's own counters summed over subtasks.
 *
 * <pre>
 *   JobStatusReport [JOB]          state, tasks, checkpoints and the job's own counters
 *   JobStatusReport --wait [JOB]   first waits until every task runs; fails if the job ends
 * </pre>
 *
 * JOB defaults to the one running job. The cluster is the one of the Flink configuration in
 * FLINK_CONF_DIR (rest.address, rest.port), as for Flink's CLI; JOB_TIMEOUT is how many seconds
 * --wait waits (120).
 */
public final class JobStatusReport {

    private static final long REQUEST_SECONDS = 30;

    private final RestClusterClient<StandaloneClusterId> flink;

    private JobStatusReport(RestClusterClient<StandaloneClusterId> flink) {
        this.flink = flink;
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean wait = rest.remove("--wait");
        if (rest.size() > 1 || (rest.size() == 1 && rest.get(0).startsWith("-"))) {
            System.err.println("usage: job-status.sh [--wait] [JOB]");
            System.exit(2);
        }
        Configuration config =
                GlobalConfiguration.loadConfiguration(System.getenv("FLINK_CONF_DIR"));
        try (RestClusterClient<StandaloneClusterId> flink =
                new RestClusterClient<>(config, StandaloneClusterId.getInstance())) {
            JobStatusReport report = new JobStatusReport(flink);
            JobID job = rest.isEmpty() ? report.theRunningJob() : JobID.fromHexString(rest.get(0));
            if (wait) {
                String timeout = System.getenv("JOB_TIMEOUT");
                report.waitUntilEveryTaskRuns(
                        job, Duration.ofSeconds(timeout == null ? 120 : Long.parseLong(timeout)));
            }
            report.print(job, System.out);
        } catch (JobStatusException e) {
            System.err.println("job-status.sh: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The one job that runs; a message naming the choices when there are none or several. */
    private JobID theRunningJob() throws Exception {
        List<JobID> running =
                flink.listJobs().get(REQUEST_SECONDS, TimeUnit.SECONDS).stream()
                        .filter(j -> j.getJobState() == JobStatus.RUNNING)
                        .map(j -> j.getJobId())
                        .toList();
        if (running.isEmpty()) {
            throw new JobStatusException("no job is running on " + flink.getWebInterfaceURL());
        }
        if (running.size() > 1) {
            throw new JobStatusException("several jobs are running; name one: " + running);
        }
        return running.get(0);
    }

    /**
     * Waits until every task of the job runs: only then does it process, not just is scheduled.
     * Fails with the job's root cause when it ends.
     */
    private void waitUntilEveryTaskRuns(JobID job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobDetailsInfo details = details(job);
            if (details.getJobStatus().isGloballyTerminalState()) {
                throw new JobStatusException(
                        "job " + job + " ended as " + details.getJobStatus() + rootCause(job));
            }
            if (details.getJobStatus() == JobStatus.RUNNING
                    && details.getJobVertexInfos().stream()
                            .allMatch(v -> v.getExecutionState() == ExecutionState.RUNNING)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new JobStatusException(
                        "not every task of job "
                                + job
                                + " runs after "
                                + timeout.toSeconds()
                                + " s ("
                                + taskStates(details)
                                + "); tasks that stay INITIALIZING usually wait for the Kafka"
                                + " broker; see scripts/flink-cluster.sh logs taskmanager-1");
            }
            Thread.sleep(1000);
        }
    }

    /** State, tasks, checkpoints and the job's own counters, as a person reads them. */
    private void print(JobID job, PrintStream out) throws Exception {
        JobDetailsInfo details = details(job);
        out.printf("job %s: %s, %s%n", job, details.getJobStatus(), details.getName());
        out.printf(
                "  started %s, running %d s%n",
                Instant.ofEpochMilli(details.getStartTime())
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                details.getDuration() / 1000);
        for (JobDetailsInfo.JobVertexDetailsInfo vertex : details.getJobVertexInfos()) {
            out.printf(
                    "  %s  parallelism %d  %s%n",
                    vertex.getExecutionState(), vertex.getParallelism(), vertex.getName());
        }
        out.println(checkpoints(job));
        out.println("metrics (sum over subtasks):");
        for (Map.Entry<String, Double> counter :
                JobCounters.of(flink, job, details.getJobVertexInfos()).entrySet()) {
            out.printf("  %s = %s%n", counter.getKey(), number(counter.getValue()));
        }
    }

    private JobDetailsInfo details(JobID job) throws Exception {
        return flink.getJobDetails(job).get(REQUEST_SECONDS, TimeUnit.SECONDS);
    }

    private String checkpoints(JobID job) throws Exception {
        CheckpointingStatisticsHeaders headers = CheckpointingStatisticsHeaders.getInstance();
        JobMessageParameters parameters = headers.getUnresolvedMessageParameters();
        parameters.getPathParameters().stream()
                .filter(JobIDPathParameter.class::isInstance)
                .forEach(p -> ((JobIDPathParameter) p).resolve(job));
        CheckpointingStatistics statistics =
                flink.sendRequest(headers, parameters, EmptyRequestBody.getInstance())
                        .get(REQUEST_SECONDS, TimeUnit.SECONDS);
        CheckpointingStatistics.Counts counts = statistics.getCounts();
        StringBuilder line =
                new StringBuilder(
                        String.format(
                                "checkpoints: %d completed, %d failed, %d restored",
                                counts.getNumberCompletedCheckpoints(),
                                counts.getNumberFailedCheckpoints(),
                                counts.getNumberRestoredCheckpoints()));
        CheckpointingStatistics.LatestCheckpoints latest = statistics.getLatestCheckpoints();
        CheckpointStatistics.CompletedCheckpointStatistics completed =
                latest.getCompletedCheckpointStatistics();
        if (completed != null) {
            line.append("; latest ").append(completed.getExternalPath());
        }
        if (latest.getRestoredCheckpointStatistics() != null) {
            line.append("; restored from ")
                    .append(latest.getRestoredCheckpointStatistics().getExternalPath());
        }
        return line.toString();
    }

    private String rootCause(JobID job) throws Exception {
        JobResult result = flink.requestJobResult(job).get(REQUEST_SECONDS, TimeUnit.SECONDS);
        return result.getSerializedThrowable()
                .map(SerializedThrowable::getFullStringifiedStackTrace)
                .map(
                        trace ->
                                trace.lines()
                                        .limit(20)
                                        .collect(Collectors.joining("\n  ", ":\n  ", "")))
                .orElse("");
    }

    private static String taskStates(JobDetailsInfo details) {
        Map<ExecutionState, Integer> counts = new TreeMap<>();
        details.getJobVertexInfos()
                .forEach(v -> counts.merge(v.getExecutionState(), 1, Integer::sum));
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
