# shellcheck shell=bash
# The local stack and the job as scripts/benchmarks.sh drives them: its own ports and state
# directory, a Flink configuration per run, synthetic metrics into Kafka, and what the REST API
# says about the job (records processed, TaskManager heap, checkpoints).

readonly BENCH_PORT_BASE="${BENCH_PORT_BASE:-40000}"
export PENSU_LOCAL_DIR="$REPO_DIR/.local/bench-$BENCH_PORT_BASE"
export KAFKA_PORT=$((BENCH_PORT_BASE + 9092)) KAFKA_CONTROLLER_PORT=$((BENCH_PORT_BASE + 9093))
export FLINK_REST_PORT=$((BENCH_PORT_BASE + 8081))
readonly BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
readonly REST="http://127.0.0.1:$FLINK_REST_PORT"
readonly ENGINE="${PENSU_HTM_ENGINE:-compact}"
readonly JOB_JAR="$REPO_DIR/job/target/pensu-flink-job-0.1.0-SNAPSHOT.jar"
# Synthetic metrics: one sample per minute each, from this epoch second.
readonly FEED_START_EPOCH=1700000000
# The job's default PENSU_ENCODER_LEARNING_SAMPLES, for the benchmarks.sh commands that keep it.
# shellcheck disable=SC2034
readonly LEARNING_SAMPLES=288

rest_get() {
    curl -sf --max-time 10 "$REST$1"
}

# Starts the broker, and the Flink cluster with a state backend and TaskManager size of this run
# (a running cluster is restarted, so that its configuration is this run's).
start_stack() {
    local backend="$1" process_size="$2"
    "$SCRIPTS/flink-cluster.sh" stop >&2
    # BENCH_TASKMANAGER_JAVA_OPTS replaces flink-conf/'s JVM options of the TaskManager (collector
    # settings to measure).
    export FLINK_CONF_OVERRIDES="jobmanager.rpc.port: $((BENCH_PORT_BASE + 6123))
${BENCH_TASKMANAGER_JAVA_OPTS:+env.java.opts.taskmanager: $BENCH_TASKMANAGER_JAVA_OPTS}
taskmanager.memory.process.size: $process_size
state.backend.type: $backend
execution.checkpointing.min-pause: 0 ms
metrics.fetcher.update-interval: 1000
web.checkpoints.history: 100"
    "$SCRIPTS/kafka.sh" start >&2
    "$SCRIPTS/flink-cluster.sh" start >&2
}

# A run's retained checkpoints are only of use to that run: thousands of models leave gigabytes.
cancel_and_drop_checkpoints() {
    "$SCRIPTS/flink" cancel "$1" >&2
    rm -rf "${PENSU_LOCAL_DIR:?}/flink/checkpoints/$1"
}

stop_stack() {
    "$SCRIPTS/flink-cluster.sh" stop >&2
    "$SCRIPTS/kafka.sh" stop >&2
}

taskmanager_pid() {
    cat "$PENSU_LOCAL_DIR/flink/taskmanager-1.pid"
}

broker_pid() {
    cat "$PENSU_LOCAL_DIR/kafka/kafka.pid"
}

# CPU time (user + system) a process has used so far, in milliseconds: what the pipeline costs in
# CPU, whatever else shares the machine's cores.
process_cpu_millis() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f\n", ($12 + $13) * 1000 / hz }' \
        "/proc/$1/stat"
}

# Heap used by the TaskManager after a full GC, in bytes, as the JVM says right after it: the REST
# API's heap metric comes from a cache that its fetcher may not have refreshed since the collection
# (it gave 7.8 GB where the collection had left 3.7 GB).
taskmanager_heap_after_gc() {
    local pid
    pid="$(taskmanager_pid)"
    jcmd "$pid" GC.run >/dev/null
    jcmd "$pid" GC.heap_info | awk '/heap +total/ { for (i = 1; i < NF; i++) if ($i == "used") {
        printf "%.0f\n", 1024 * $(i + 1); exit } }'
}

# Topics of one run, so that no run reads another's data: <run>.metrics, <run>.anomalies, ...
create_run_topics() {
    local run="$1"
    "$SCRIPTS/kafka.sh" create-topics "$run.metrics" "$run.predictions" "$run.reports" \
        "$run.dead-letters" "$run.topics" >&2
    # The anomaly lines carry the broker's append time, which the latency benchmark reads.
    KAFKA_TOPIC_CONFIGS=message.timestamp.type=LogAppendTime \
        "$SCRIPTS/kafka.sh" create-topics "$run.anomalies" >&2
}

# Submits the job on the run's topics with the compact engine; extra job arguments follow. The
# quota is twice the metrics: each detector subtask admits its share of it, and at parallelism 2 a
# share of exactly half the metrics would refuse those that hashing puts beyond it. The benchmarks
# key records by metric and count every sample processed, so samples go to the models as they
# arrive (PENSU_MAX_OUT_OF_ORDERNESS=0), with none left waiting for a watermark.
submit_run_job() {
    local run="$1" metrics="$2"
    shift 2
    # shellcheck disable=SC2086 # BENCH_JOB_ARGS holds several arguments
    run_job "$JOB_JAR" \
        --PENSU_KAFKA_CONSUMER_SERVER "$BOOTSTRAP" --PENSU_KAFKA_PRODUCER_SERVER "$BOOTSTRAP" \
        --PENSU_METRICS_KAFKA_TOPIC "$run.metrics" \
        --PENSU_ANOMALIES_METRICS_KAFKA_TOPIC "$run.anomalies" \
        --PENSU_PREDICTION_METRICS_KAFKA_TOPIC "$run.predictions" \
        --PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC "$run.reports" \
        --PENSU_DEAD_LETTER_KAFKA_TOPIC "$run.dead-letters" \
        --PENSU_TOPICS_KAFKA_TOPIC "$run.topics" \
        --PENSU_KAFKA_CONSUMER_GROUP "$run" --PENSU_TRANSACTIONAL_ID_PREFIX "$run" \
        --PENSU_HTM_ENGINE "$ENGINE" --PENSU_MAX_ALLOWED_MODELS $((2 * metrics)) \
        --PENSU_MAX_OUT_OF_ORDERNESS 0 "$@" \
        ${BENCH_JOB_ARGS:-}
}

# Carbon lines "key TAB name value timestamp" of <metrics> metrics, samples [from, to) of each,
# one minute apart, in time order (every metric's sample i before any metric's sample i+1), as a
# collector sends them: a daily cycle per metric, phase-shifted, with noise.
metric_lines() {
    local metrics="$1" from="$2" to="$3"
    awk -v metrics="$metrics" -v from="$from" -v to="$to" -v start="$FEED_START_EPOCH" 'BEGIN {
        srand(42)
        for (i = from; i < to; i++) {
            for (m = 0; m < metrics; m++) {
                name = sprintf("bench.host%05d.cpu", m)
                value = 50 + 40 * sin(2 * 3.14159265 * (i + 37 * m) / 1440) + 4 * (rand() - 0.5)
                printf "%s\t%s %.2f %d\n", name, name, value, start + 60 * i
            }
        }
    }'
}

# Produces stdin ("key TAB value" lines) to a topic, keyed by metric so that a metric's samples
# stay in order on one partition.
produce() {
    kcat -b "$BOOTSTRAP" -P -t "$1" -K $'\t' -X linger.ms=5 -X enable.idempotence=true
}

detector_vertex() {
    rest_get "/jobs/$1" | jq -r '.vertices[] | select(.name | startswith("HTM anomaly")) | .id'
}

# Samples the detector has taken in, summed over its subtasks (0 before it reports).
detector_records_in() {
    local job="$1" vertex="$2"
    rest_get "/jobs/$job/vertices/$vertex/subtasks/metrics?get=numRecordsIn&agg=sum" |
        jq -r '.[0].sum // 0 | floor'
}

# The detector's own timing of a model's step (network, classifier, likelihood) over its last 1000
# samples per subtask, averaged over the subtasks: "median / mean" in µs.
model_compute_micros() {
    local job="$1" vertex prefix=HTM_anomaly_detection_and_prediction.modelComputeMicros
    vertex="$(detector_vertex "$job")"
    rest_get "/jobs/$job/vertices/$vertex/subtasks/metrics?agg=avg&get=${prefix}_median,${prefix}_mean" |
        jq -r 'map({(.id | sub(".*_"; "")): (.avg | round)}) | add | "\(.median) / \(.mean)"'
}

# CPU time the detector's subtasks have spent in model compute so far, summed, in µs.
model_compute_cpu_micros() {
    local job="$1" vertex
    vertex="$(detector_vertex "$job")"
    rest_get "/jobs/$job/vertices/$vertex/subtasks/metrics?agg=sum&get=HTM_anomaly_detection_and_prediction.modelComputeCpuMicros" |
        jq -r '.[0].sum // 0 | floor'
}

# Polls the detector's input count every second until it reaches <target>, printing "epoch-millis
# count" lines (the drain curve) to stdout.
poll_until_processed() {
    local job="$1" target="$2" vertex count=0
    vertex="$(detector_vertex "$job")"
    while ((count < target)); do
        count="$(detector_records_in "$job" "$vertex" || echo "$count")"
        echo "$(date +%s%3N) $count"
        sleep 1
    done
}

# The first checkpoint that completed after <epoch-millis>, as the REST API gives it.
checkpoint_completed_after() {
    local job="$1" after="$2" checkpoint=""
    while [[ -z "$checkpoint" ]]; do
        sleep 2
        checkpoint="$(rest_get "/jobs/$job/checkpoints" | jq -c --argjson after "$after" \
            '[.history[] | select(.status == "COMPLETED" and .trigger_timestamp > $after)]
             | sort_by(.id) | first // empty')"
    done
    echo "$checkpoint"
}

# Checkpoints completed between two epoch-millis, one JSON object each.
checkpoints_between() {
    rest_get "/jobs/$1/checkpoints" | jq -c --argjson from "$2" --argjson to "$3" \
        '.history[] | select(.status == "COMPLETED" and .trigger_timestamp >= $from
         and .latest_ack_timestamp <= $to)'
}

# Kills the TaskManager with SIGKILL and starts another; when the detector's subtasks run again,
# prints "<seconds from the kill> s (<seconds its slowest subtask spent restoring state> s)" and
# writes where the time went to <phases file>.
restart_taskmanager() {
    local job="$1" phases="$2" vertex attempt killed registered
    vertex="$(detector_vertex "$job")"
    attempt="$(rest_get "/jobs/$job/vertices/$vertex" | jq '[.subtasks[].attempt] | max')"
    killed="$(date +%s%3N)"
    kill -KILL "$(taskmanager_pid)"
    "$SCRIPTS/flink-cluster.sh" start >&2
    registered="$(date +%s%3N)"
    until rest_get "/jobs/$job/vertices/$vertex" | jq -e --argjson attempt "$attempt" \
        'all(.subtasks[]; .attempt > $attempt and .status == "RUNNING")' >/dev/null 2>&1; do
        sleep 0.2
    done
    local running restoring
    running="$(date +%s%3N)"
    restoring="$(rest_get "/jobs/$job/vertices/$vertex/subtasktimes" |
        jq '[.subtasks[].timestamps | .RUNNING - .INITIALIZING] | max / 1000')"
    restart_phases "$job" "$vertex" "$killed" "$registered" >"$phases"
    awk -v a="$killed" -v b="$running" -v r="$restoring" \
        'BEGIN { printf "%.1f s (%.1f s)", (b - a) / 1000, r }'
}

# Seconds from the kill to each step of the detector's recovery: the lost TaskManager noticed (the
# first failure), the new one registered, the restart attempts that found no slot yet (the
# restart strategy's backoff between them), and the detector deployed, restoring its state
# (INITIALIZING) and running; the latest subtask decides each of the last three.
restart_phases() {
    local job="$1" vertex="$2" killed="$3" registered="$4"
    {
        rest_get "/jobs/$job/exceptions" |
            jq -c --argjson killed "$killed" '[.exceptionHistory.entries[].timestamp
                | select(. >= $killed)] | sort'
        rest_get "/jobs/$job/vertices/$vertex/subtasktimes" | jq -c '[.subtasks[].timestamps]'
    } | jq -rs --argjson killed "$killed" --argjson registered "$registered" '
        def after(t): ((t - $killed) / 1000 * 10 | round) / 10;
        "lost TaskManager noticed (first failure): \(after(.[0][0])) s",
        "new TaskManager registered: \(after($registered)) s",
        "restart attempts without a slot: \(.[0] | length - 1), the last at \(after(.[0][-1])) s",
        "detector deployed: \(after([.[1][].DEPLOYING] | max)) s",
        "detector restoring state (INITIALIZING): \(after([.[1][].INITIALIZING] | max)) s",
        "detector RUNNING: \(after([.[1][].RUNNING] | max)) s"'
}
