#!/usr/bin/env bash
# The whole demo on one machine, in one command: a Kafka broker and a standalone Flink cluster
# (scripts/kafka.sh, scripts/flink-cluster.sh), the job's topics, the job submitted to the cluster
# with Flink's CLI (scripts/flink run -d) and the data generator (scripts/generator.sh: this host's
# load, memory and network counters and NAB's 17 AWS CloudWatch series) in the background, and,
# where Debian's graphite-carbon is installed, Graphite (scripts/graphite.sh: carbon-cache and the
# forwarder of the input and output topics) and the live charts of what it stores, a page on
# 127.0.0.1:$DEMO_CHARTS_PORT (8088) that start prints.
#
#   scripts/demo.sh start    build if needed, start whatever is not running, wait for first results
#   scripts/demo.sh stop     stop what start started: generator, charts, job, Graphite, cluster, broker
#   scripts/demo.sh status
#
# The job runs with a demo configuration, each setting unless you export the variable yourself
# (every exported PENSU_* variable is passed to the job as --PENSU_X value):
#   PENSU_HTM_ENGINE=compact               21 metrics at once: a few MB each, htm.java needs ~100 MB
#   PENSU_MAX_ALLOWED_MODELS=40            the 21 demo metrics and room for your own (default 10)
#   PENSU_ENCODER_LEARNING_SAMPLES=30      a metric's model starts after 30 samples (default 288)
#   PENSU_LIKELIHOOD_LEARNING_PERIOD=120   likelihoods after 150 samples (default 288 + 100)
#   PENSU_LIKELIHOOD_ESTIMATION_SAMPLES=30
#   PENSU_CHECKPOINT_INTERVAL=5            output is committed, so visible, every 5 s
#   PENSU_MAX_OUT_OF_ORDERNESS=0           samples in arrival order: the generator keys records by
#                                          metric; with a bound, the host's samples (stamped now)
#                                          would wait for the replay's (days old) to catch up
#
# Environment: that of the scripts it runs (PENSU_LOCAL_DIR, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
# FLINK_REST_PORT, FLINK_TASKMANAGERS, FLINK_CONF_OVERRIDES, ...); DEMO_GENERATOR_ARGS adds generator
# flags, e.g. "--rate 0.2 --speed-up 60"; DEMO_WAIT (seconds to wait for the first results, default
# 240); DEMO_CHARTS_PORT (the live charts' port on 127.0.0.1, default 8088).
# Needs Java 17+, Maven, curl and jq (the local cluster's start and stop).
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly SCRIPTS="$REPO_DIR/scripts"
readonly LOCAL_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}"
readonly DEMO_DIR="$LOCAL_DIR/demo"
# What start started (kafka, flink), so that stop leaves alone what ran before.
readonly STARTED_FILE="$DEMO_DIR/started"
readonly JOB_ID_FILE="$DEMO_DIR/job.id"
readonly GENERATOR_PID_FILE="$DEMO_DIR/generator.pid"
readonly GENERATOR_LOG="$DEMO_DIR/generator.log"
readonly BUILD_LOG="$DEMO_DIR/build.log"
readonly FLINK_LIB="$LOCAL_DIR/flink/lib"
readonly REST_URL="http://localhost:${FLINK_REST_PORT:-8081}"
readonly WAIT_SECONDS="${DEMO_WAIT:-240}"
readonly CHARTS_PID_FILE="$DEMO_DIR/live-charts.pid"
readonly CHARTS_LOG="$DEMO_DIR/live-charts.log"
readonly CHARTS_URL="http://127.0.0.1:${DEMO_CHARTS_PORT:-8088}/"
readonly CHARTS_MAIN=io.pensu.flink.graphite.LiveChartServer
readonly SCRIPT_NAME=demo.sh

# shellcheck source=scripts/lib/local-process.sh
source "$SCRIPTS/lib/local-process.sh"
# shellcheck source=scripts/lib/versions.sh
source "$SCRIPTS/lib/versions.sh"
# shellcheck source=scripts/lib/flink-cli.sh
source "$SCRIPTS/lib/flink-cli.sh"
# shellcheck source=scripts/lib/maven-build.sh
source "$SCRIPTS/lib/maven-build.sh"
# shellcheck source=scripts/lib/job-topics.sh
source "$SCRIPTS/lib/job-topics.sh"
# shellcheck source=scripts/lib/tools.sh
source "$SCRIPTS/lib/tools.sh"

VERSION="$(project_version)"
readonly VERSION
readonly JOB_JAR="$REPO_DIR/job/target/pensu-flink-job-$VERSION.jar"
readonly GENERATOR_JAR="$REPO_DIR/generator/target/pensu-flink-generator-$VERSION.jar"
readonly GRAPHITE_JAR="$REPO_DIR/graphite/target/pensu-flink-graphite-$VERSION.jar"

# The commands as printed: short when run from the repository root.
if [[ "$PWD" == "$REPO_DIR" ]]; then
    readonly SHOWN="scripts"
else
    readonly SHOWN="$SCRIPTS"
fi

progress() {
    echo "==> $*"
}

build() {
    if newer_than_sources "$JOB_JAR" "$REPO_DIR"/udfs/src "$REPO_DIR"/job/src &&
        newer_than_sources "$GENERATOR_JAR" "$REPO_DIR"/generator/src \
            "$REPO_DIR"/benchmarks/nab/data/realAWSCloudwatch &&
        newer_than_sources "$GRAPHITE_JAR" "$REPO_DIR"/graphite/src "$REPO_DIR"/charts/src; then
        progress "The job, the generator and the forwarder are built (their jars are newer than the sources)."
        return
    fi
    progress "Building the job, the generator and the Graphite forwarder with Maven (the first build downloads the dependencies; log: $BUILD_LOG) ..."
    maven_build "$BUILD_LOG" -DskipTests -pl job,generator,graphite -am package
}

# The job's arguments: every exported PENSU_* variable, and the demo's settings (the local broker
# among them) for the others.
job_arguments() {
    declare -A settings=(
        [PENSU_KAFKA_CONSUMER_SERVER]="127.0.0.1:${KAFKA_PORT:-9092}"
        [PENSU_KAFKA_PRODUCER_SERVER]="127.0.0.1:${KAFKA_PORT:-9092}"
        [PENSU_HTM_ENGINE]=compact
        [PENSU_MAX_ALLOWED_MODELS]=40
        [PENSU_ENCODER_LEARNING_SAMPLES]=30
        [PENSU_LIKELIHOOD_LEARNING_PERIOD]=120
        [PENSU_LIKELIHOOD_ESTIMATION_SAMPLES]=30
        [PENSU_CHECKPOINT_INTERVAL]=5
        [PENSU_MAX_OUT_OF_ORDERNESS]=0)
    local name
    # PENSU_LOCAL_DIR belongs to the scripts, not to the job.
    for name in $(compgen -e | grep '^PENSU_' | grep -vx PENSU_LOCAL_DIR || true); do
        settings[$name]="${!name}"
    done
    for name in $(printf '%s\n' "${!settings[@]}" | sort); do
        printf '%s\n' "--$name" "${settings[$name]}"
    done
}

# The script of a part of the stack named in STARTED_FILE.
part_script() {
    case "$1" in
        graphite) echo graphite.sh ;;
        flink) echo flink-cluster.sh ;;
        kafka) echo kafka.sh ;;
    esac
}

was_started() {
    [[ -f "$STARTED_FILE" ]] && grep -qx "$1" "$STARTED_FILE"
}

# Starts a part of the stack unless it runs; remembers that the demo started it.
#   start_part <name in STARTED_FILE> <label> <script>
start_part() {
    local name="$1" label="$2" script="$3"
    if "$script" status >/dev/null 2>&1; then
        progress "${label^} is running already ($SHOWN/$(basename "$script") status)."
        return
    fi
    progress "Starting $label ($SHOWN/$(basename "$script") start) ..."
    "$script" start
    mkdir -p "$DEMO_DIR"
    was_started "$name" || echo "$name" >>"$STARTED_FILE"
}

# Carbon and the forwarder of the input, anomaly and prediction topics, before the generator, so
# that the charts start with the first sample. Optional: the demo runs without it.
start_graphite() {
    if ! command -v carbon-cache >/dev/null 2>&1; then
        progress "Skipping Graphite and the live charts: carbon-cache is not installed (Debian:" \
            "apt-get install graphite-carbon python3-whisper); the demo runs without charts."
        return
    fi
    if ! "$SCRIPTS/graphite.sh" status >/dev/null 2>&1; then
        mkdir -p "$DEMO_DIR"
        was_started graphite || echo graphite >>"$STARTED_FILE"
    fi
    progress "Starting Graphite: carbon-cache and the forwarder of ${TOPICS[0]}, ${TOPICS[1]}," \
        "${TOPICS[2]} ($SHOWN/graphite.sh up) ..."
    "$SCRIPTS/graphite.sh" up --topics "${TOPICS[0]},${TOPICS[1]},${TOPICS[2]}"
}

charts_pid() {
    live_pid "$CHARTS_PID_FILE" "$CHARTS_MAIN"
}

# The live charts of what carbon stores, with the job's thresholds and names where they are set.
start_live_charts() {
    local pid
    command -v carbon-cache >/dev/null 2>&1 || return 0
    if pid="$(charts_pid)"; then
        progress "The live charts are served already (pid $pid) at $CHARTS_URL."
        return
    fi
    progress "Serving the live charts at $CHARTS_URL (log: $CHARTS_LOG) ..."
    start_detached "$CHARTS_PID_FILE" "$CHARTS_LOG" java -Xmx256m -XX:+UseSerialGC \
        -cp "$GRAPHITE_JAR" "$CHARTS_MAIN" --port "${DEMO_CHARTS_PORT:-8088}" \
        --whisper-dir "$LOCAL_DIR/graphite/storage/whisper" \
        ${PENSU_ANOMALY_LIKELIHOOD_THRESHOLD:+--likelihood-threshold "$PENSU_ANOMALY_LIKELIHOOD_THRESHOLD"} \
        ${PENSU_ANOMALY_SCORE_THRESHOLD:+--score-threshold "$PENSU_ANOMALY_SCORE_THRESHOLD"} \
        ${PENSU_METRIC_NAMES_TEMPLATE:+--names-template "$PENSU_METRIC_NAMES_TEMPLATE"}
    local deadline=$((SECONDS + 30))
    until grep -q "Serving live charts" "$CHARTS_LOG"; do
        if ! charts_pid >/dev/null || ((SECONDS >= deadline)); then
            tail -n 20 "$CHARTS_LOG" >&2
            die "the live charts did not start (is the port taken? set DEMO_CHARTS_PORT); see" \
                "$CHARTS_LOG"
        fi
        sleep 0.5
    done
}

# The job id of the demo's job while it runs.
running_job() {
    local id
    [[ -f "$JOB_ID_FILE" ]] || return 1
    id="$(cat "$JOB_ID_FILE")"
    "$SCRIPTS/flink" list --running 2>/dev/null | grep -qF " : $id : " || return 1
    echo "$id"
}

submit_job() {
    local id
    if id="$(running_job)"; then
        progress "The job is running already ($id)."
        return
    fi
    progress "Submitting the job to the cluster ($SHOWN/flink run -d ${JOB_JAR#"$REPO_DIR"/}" \
        "${JOB_ARGS[*]}) ..."
    id="$(run_job "$JOB_JAR" "${JOB_ARGS[@]}")" || die "the job did not start"
    echo "$id" >"$JOB_ID_FILE"
    progress "Job $id is running."
}

# The pid of a pid file while it is still ours, not a recycled pid of something else.
#   live_pid <pid file> <text its command line contains>
live_pid() {
    local pid
    [[ -f "$1" ]] || return 1
    pid="$(cat "$1")"
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
    echo "$pid"
}

generator_pid() {
    live_pid "$GENERATOR_PID_FILE" "-jar $GENERATOR_JAR"
}

start_generator() {
    local pid
    if pid="$(generator_pid)"; then
        progress "The data generator is running already (pid $pid; log: $GENERATOR_LOG)."
        return
    fi
    local args=(--topic "${TOPICS[0]}" --sources "host,nab-aws")
    # shellcheck disable=SC2206 # DEMO_GENERATOR_ARGS holds several flags
    args+=(${DEMO_GENERATOR_ARGS:-})
    progress "Starting the data generator ($SHOWN/generator.sh ${args[*]}; log: $GENERATOR_LOG) ..."
    start_detached "$GENERATOR_PID_FILE" "$GENERATOR_LOG" "$SCRIPTS/generator.sh" "${args[@]}"
    sleep 2
    generator_pid >/dev/null || {
        tail -n 20 "$GENERATOR_LOG" >&2
        die "the data generator exited; see $GENERATOR_LOG"
    }
}

# "<models created> <checkpoints completed>" of the job, from scripts/job-status.sh.
job_progress() {
    "$SCRIPTS/job-status.sh" "$1" 2>/dev/null | awk '
        /^checkpoints: / { checkpoints = $2 }
        /^  modelsCreated = / { models = $3 }
        END { print models + 0, checkpoints + 0 }'
}

# Output is in an open Kafka transaction from the first modelled sample on, and visible once the
# next checkpoint commits it: the topics may hold results of earlier runs, so this job's counters
# tell when its own are there.
wait_for_results() {
    local id started=$SECONDS models checkpoints first_checkpoints=""
    id="$(cat "$JOB_ID_FILE")"
    progress "Waiting for the job's first results (a model starts after a metric's first" \
        "$SETTINGS_LEARNING samples; output is committed at each checkpoint) ..."
    while true; do
        read -r models checkpoints < <(job_progress "$id")
        if ((models > 0)); then
            first_checkpoints="${first_checkpoints:-$checkpoints}"
            ((checkpoints > first_checkpoints)) && break
        fi
        if ((SECONDS - started > WAIT_SECONDS)); then
            echo "demo.sh: no results within ${WAIT_SECONDS}s; see $SHOWN/job-status.sh and" \
                "$GENERATOR_LOG" >&2
            return
        fi
        sleep 2
    done
    progress "First results after $((SECONDS - started))s; the latest on ${TOPICS[1]}:"
    KAFKA_CONSUME_TIMEOUT_MS=5000 "$SCRIPTS/kafka.sh" consume "${TOPICS[1]}" 2>/dev/null |
        tail -n 3 | sed 's/^/    /'
}

print_where_to_look() {
    local id charts="none: Graphite's carbon-cache is not installed (apt-get install graphite-carbon)"
    id="$(cat "$JOB_ID_FILE")"
    if charts_pid >/dev/null; then
        charts="$CHARTS_URL   (value, prediction, likelihood and anomalies of every
                   metric from Graphite, updated every 5 s; as a file: $SHOWN/graphite-report.sh)"
    fi
    cat <<EOF

The demo is running.
  Flink web UI:    $REST_URL/#/job/running/$id/overview
  Job status:      $SHOWN/job-status.sh     (state, checkpoints, the job's own counters)
  Flink's CLI:     $SHOWN/flink list         (savepoint, stop, run -s: docs/OPERATIONS.md)
  Data generator:  this host's metrics and nab.aws.* into topic ${TOPICS[0]} (log: $GENERATOR_LOG)
  Live charts:     $charts

Watch the output from another terminal:
EOF
    print_consume_commands "$SHOWN/kafka.sh"
    cat <<EOF

$SHOWN/demo.sh stop stops the generator, the job, and Graphite, the cluster and the broker if the demo
started them.
EOF
}

cmd_start() {
    require_tools java mvn curl jq
    build
    mapfile -t JOB_ARGS < <(job_arguments)
    SETTINGS_LEARNING="$(printf '%s\n' "${JOB_ARGS[@]}" |
        grep -A1 -x -- --PENSU_ENCODER_LEARNING_SAMPLES | tail -n 1)"
    start_part kafka "Kafka" "$SCRIPTS/kafka.sh"
    start_part flink "the Flink cluster" "$SCRIPTS/flink-cluster.sh"
    read_job_topics "$JOB_JAR:$FLINK_LIB/*" "$DEMO_DIR/job-topics.log" "${JOB_ARGS[@]}"
    create_missing_topics "$SCRIPTS/kafka.sh" "${TOPICS[@]}"
    submit_job
    start_graphite
    start_live_charts
    start_generator
    wait_for_results
    print_where_to_look
}

cmd_stop() {
    local pid id
    if pid="$(generator_pid)"; then
        stop_pid "the data generator" "$pid" 30
    fi
    rm -f "$GENERATOR_PID_FILE"
    if pid="$(charts_pid)"; then
        stop_pid "the live charts" "$pid" 10
    fi
    rm -f "$CHARTS_PID_FILE"
    if id="$(running_job)"; then
        "$SCRIPTS/flink" cancel "$id"
    fi
    rm -f "$JOB_ID_FILE"
    local name script
    for name in graphite flink kafka; do
        script="$SCRIPTS/$(part_script "$name")"
        if was_started "$name"; then
            if [[ "$name" == graphite ]]; then "$script" down; else "$script" stop; fi
        elif "$script" status >/dev/null 2>&1; then
            echo "$(basename "$script"): was running before the demo started; left running."
        fi
    done
    rm -f "$STARTED_FILE"
    echo "The demo is stopped."
}

cmd_status() {
    local pid id failed=0
    if pid="$(generator_pid)"; then
        echo "data generator: running (pid $pid), log $GENERATOR_LOG"
    else
        echo "data generator: not running"
        failed=1
    fi
    "$SCRIPTS/kafka.sh" status || failed=1
    "$SCRIPTS/flink-cluster.sh" status || failed=1
    if command -v carbon-cache >/dev/null 2>&1; then
        "$SCRIPTS/graphite.sh" status || failed=1
        if pid="$(charts_pid)"; then
            echo "live charts: $CHARTS_URL (pid $pid), log $CHARTS_LOG"
        else
            echo "live charts: not served"
            failed=1
        fi
    fi
    if id="$(running_job)"; then
        "$SCRIPTS/job-status.sh" "$id"
    else
        echo "the demo's job is not running"
        failed=1
    fi
    return $((failed * 3))
}

(($# == 1)) || usage
case "$1" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
esac
