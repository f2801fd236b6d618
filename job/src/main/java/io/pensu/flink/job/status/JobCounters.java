package io.pensu.flink.job.status;

import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.JobVertexIdPathParameter;
import org.apache.flink.runtime.rest.messages.MessagePathParameter;
import org.apache.flink.runtime.rest.messages.MessageQueryParameter;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedMetric;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedSubtaskMetricsHeaders;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedSubtaskMetricsParameters;
import org.apache.flink.runtime.rest.messages.job.metrics.MetricsAggregationParameter;
import org.apache.flink.runtime.rest.messages.job.metrics.MetricsFilterParameter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job's own counters and gauges (docs/DESIGN.md, "Observability"), each summed over the
 * subtasks of the operator that has it, from the REST API's aggregated subtask metrics.
 */
final class JobCounters {

    /**
     * The job's metrics among the many Flink registers, by the end of their ids: Flink prefixes
     * them with the operator's name, which the job graph may change.
     */
    private static final Pattern OWN_METRIC =
            Pattern.compile(
                    "\\.((?:rejected\\.[a-z_0-9]+)|recordsIn|samplesIn|samplesNotAllowed"
                            + "|metricsAdmitted|samplesOverQuota|metricsExpired|modelsQuarantined"
                            + "|modelsLive|modelsCreated|modelsRestored|samplesReplayed"
                            + "|snapshotsWritten|anomaliesReported|samplesBehindWatermark"
                            + "|modelComputeCpuMicros)$");

    private static final long TIMEOUT_SECONDS = 30;

    private JobCounters() {}

    /** Counter name to its sum over subtasks, sorted by name. */
    static Map<String, Double> of(
            RestClusterClient<?> flink,
            JobID job,
            Collection<JobDetailsInfo.JobVertexDetailsInfo> vertices)
            throws Exception {
        Map<String, Double> sums = new TreeMap<>();
        for (JobDetailsInfo.JobVertexDetailsInfo vertex : vertices) {
            Map<String, String> ownIds = new TreeMap<>();
            for (AggregatedMetric available :
                    query(flink, job, vertex.getJobVertexID(), List.of())) {
                Matcher own = OWN_METRIC.matcher(available.getId());
                if (own.find()) {
                    ownIds.put(available.getId(), own.group(1));
                }
            }
            if (ownIds.isEmpty()) {
                continue;
            }
            for (AggregatedMetric metric :
                    query(flink, job, vertex.getJobVertexID(), new ArrayList<>(ownIds.keySet()))) {
                if (metric.getSum() != null) {
                    sums.merge(ownIds.get(metric.getId()), metric.getSum(), Double::sum);
                }
            }
        }
        return sums;
    }

    /** The given metrics summed over subtasks; with none given, the ids of all there are. */
    private static Collection<AggregatedMetric> query(
            RestClusterClient<?> flink, JobID job, JobVertexID vertex, List<String> ids)
            throws Exception {
        AggregatedSubtaskMetricsHeaders headers = AggregatedSubtaskMetricsHeaders.getInstance();
        AggregatedSubtaskMetricsParameters parameters = headers.getUnresolvedMessageParameters();
        for (MessagePathParameter<?> path : parameters.getPathParameters()) {
            if (path instanceof JobIDPathParameter jobId) {
                jobId.resolve(job);
            } else if (path instanceof JobVertexIdPathParameter vertexId) {
                vertexId.resolve(vertex);
            }
        }
        // Without a metrics filter the REST API lists the ids there are instead of values.
        if (!ids.isEmpty()) {
            for (MessageQueryParameter<?> query : parameters.getQueryParameters()) {
                if (query instanceof MetricsFilterParameter metrics) {
                    metrics.resolve(ids);
                } else if (query instanceof MetricsAggregationParameter aggregations) {
                    aggregations.resolve(List.of(MetricsAggregationParameter.AggregationMode.SUM));
                }
            }
        }
        return flink.sendRequest(headers, parameters, EmptyRequestBody.getInstance())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .getMetrics();
    }
}
