#!/usr/bin/env bash
# Runs Pensu on this machine without Docker or any setup beyond Java 17+ and Maven 3.8+: builds the
# job when its sources changed, starts a local Kafka broker (scripts/kafka.sh) with the job's topics,
# feeds demo metrics into the input topic (scripts/demo-feed.sh) and runs the job in one JVM with
# Flink's web UI. Ctrl-C stops the job and the feeder; the broker keeps running until
# scripts/kafka.sh stop.
#
#   scripts/run-local.sh [--no-feed] [--web-port PORT] [-- --PENSU_X value ...]
#
#   --no-feed        no demo feeder: write your own carbon lines to the input topic, e.g.
#                    echo "my.metric 42 $(date +%s)" | scripts/kafka.sh produce metrics
#   --web-port PORT  port of the Flink web UI and REST API (default 8081)
#   -- ARGS          program arguments of the job: --PENSU_X value overrides variable PENSU_X
#
# The job reads the PENSU_* environment variables as on a cluster. Unless they are set, run-local
# uses the local broker (PENSU_KAFKA_CONSUMER_SERVER and PENSU_KAFKA_PRODUCER_SERVER =
# 127.0.0.1:$KAFKA_PORT), learns each metric's value range from 30 samples instead of 288
# (PENSU_ENCODER_LEARNING_SAMPLES=30) and checkpoints every 5 s (PENSU_CHECKPOINT_INTERVAL=5).
# Each run starts with new models (the consumer group continues from its committed offsets).
# State and logs go under PENSU_LOCAL_DIR (default <repo>/.local); KAFKA_PORT (default 9092) is the
# broker's port, as for scripts/kafka.sh.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly LOCAL_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}"
readonly FLINK_DIR="$LOCAL_DIR/flink"
readonly JOB_LOG="$FLINK_DIR/pensu.log"
readonly JOB_STDERR="$FLINK_DIR/jvm-stderr.log"
readonly TOPICS_STDERR="$LOCAL_DIR/job-topics.log"
readonly BUILD_LOG="$LOCAL_DIR/build.log"
readonly FEED_LOG="$LOCAL_DIR/demo-feed.log"
# Written by the build next to the job's classes: `mvn clean` removes both together.
readonly CLASSPATH_FILE="$REPO_DIR/job/target/run-local.classpath"
readonly FLINK_CONF="$REPO_DIR/flink-conf"
readonly KAFKA="$REPO_DIR/scripts/kafka.sh"
readonly DEMO_FEED="$REPO_DIR/scripts/demo-feed.sh"
readonly MAIN_CLASS="io.pensu.flink.job.LocalPensuJob"
readonly START_TIMEOUT=120
readonly STOP_TIMEOUT=30

# What the printed commands look like: short when run from the repository root.
if [[ "$PWD" == "$REPO_DIR" ]]; then
    readonly SHOWN_KAFKA="scripts/kafka.sh"
else
    readonly SHOWN_KAFKA="$KAFKA"
fi

WEB_PORT=8081
FEED=true
JOB_ARGS=()
JOB_PID=""
JOB_TMP=""
FEED_PID=""

die() {
    echo "run-local.sh: $*" >&2
    exit 1
}

progress() {
    echo "==> $*"
}

# The header comment; exit status $1.
usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit "$1"
}

parse_arguments() {
    while (($# > 0)); do
        case "$1" in
            --no-feed) FEED=false ;;
            --web-port)
                [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--web-port needs a port number"
                WEB_PORT="$2"
                shift
                ;;
            --)
                shift
                JOB_ARGS=("$@")
                return
                ;;
            -h | --help) usage 0 ;;
            *) die "unknown option '$1' (see --help)" ;;
        esac
        shift
    done
}

# shellcheck source=scripts/lib/tools.sh
source "$REPO_DIR/scripts/lib/tools.sh"

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# shellcheck source=scripts/lib/maven-build.sh
source "$REPO_DIR/scripts/lib/maven-build.sh"

# Current when the jar is newer than every source and pom, and the classpath newer than the poms.
build_is_current() {
    local jars=("$REPO_DIR"/job/target/pensu-flink-job-*.jar)
    newer_than_sources "${jars[0]}" "$REPO_DIR"/*/src && newer_than_sources "$CLASSPATH_FILE"
}

# The job's classpath (compile and provided dependencies: Flink, its web UI, log4j) is written by
# the same Maven run, so that the module jars it names are the ones just built.
build_job() {
    if build_is_current; then
        progress "The job is built (job/target is newer than the sources)."
        return
    fi
    progress "Building the job with Maven (the first build downloads the dependencies; log: $BUILD_LOG) ..."
    maven_build "$BUILD_LOG" -DskipTests package dependency:build-classpath \
        -DincludeScope=compile -Dmdep.outputFile=target/run-local.classpath
}

job_classpath() {
    echo "$REPO_DIR/job/target/classes:$(cat "$CLASSPATH_FILE")"
}

# The JVM flags Flink needs on Java 17, kept in one place: the cluster configuration.
flink_java_opts() {
    local opts
    opts="$(sed -n 's/^env\.java\.opts\.all:[[:space:]]*//p' "$FLINK_CONF/config.yaml")"
    [[ -n "$opts" ]] || die "no env.java.opts.all in $FLINK_CONF/config.yaml"
    echo "$opts"
}

# Environment of the job: the user's PENSU_* settings, demo-friendly defaults for the rest.
export_job_settings() {
    local bootstrap="127.0.0.1:${KAFKA_PORT:-9092}"
    export PENSU_KAFKA_CONSUMER_SERVER="${PENSU_KAFKA_CONSUMER_SERVER:-$bootstrap}"
    export PENSU_KAFKA_PRODUCER_SERVER="${PENSU_KAFKA_PRODUCER_SERVER:-$bootstrap}"
    export PENSU_ENCODER_LEARNING_SAMPLES="${PENSU_ENCODER_LEARNING_SAMPLES:-30}"
    export PENSU_CHECKPOINT_INTERVAL="${PENSU_CHECKPOINT_INTERVAL:-5}"
}

# PENSU_LOCAL_DIR belongs to these scripts; the job would warn that it does not know it.
readonly JOB_JAVA=(env -u PENSU_LOCAL_DIR java)

# shellcheck source=scripts/lib/job-topics.sh
source "$REPO_DIR/scripts/lib/job-topics.sh"

start_kafka() {
    progress "Starting Kafka (scripts/kafka.sh start) ..."
    "$KAFKA" start
    create_missing_topics "$KAFKA" "${TOPICS[@]}"
}

start_feeder() {
    progress "Starting the demo feeder (scripts/demo-feed.sh ${TOPICS[0]}; log: $FEED_LOG) ..."
    "$DEMO_FEED" "${TOPICS[0]}" >"$FEED_LOG" 2>&1 &
    FEED_PID=$!
}

start_job() {
    progress "Starting the job with the Flink web UI on port $WEB_PORT (log: $JOB_LOG) ..."
    # The job never restores: each run starts with new models, so the last run's files are useless.
    rm -rf "$FLINK_DIR/checkpoints" "$FLINK_DIR/rocksdb-logs"
    mkdir -p "$FLINK_DIR/checkpoints" "$FLINK_DIR/rocksdb-logs"
    # Flink's working files (RocksDB instances, the RPC jar it unpacks) stay behind when the JVM is
    # stopped; a short path, because RocksDB names its log files after the instance path.
    JOB_TMP="$(mktemp -d /tmp/pensu-run-local.XXXXXX)"
    local java_opts
    java_opts="$(flink_java_opts)"
    # A simple command, so that JOB_PID is the JVM's pid. Incremental checkpoints: a full one copies
    # every model snapshot (tens of MB) each time. No Kerberos or Hadoop here: the delegation token
    # manager would only warn that it found no tokens.
    # shellcheck disable=SC2086 # java_opts holds several JVM flags
    "${JOB_JAVA[@]}" $java_opts \
        -Dlog4j2.configurationFile="$FLINK_CONF/log4j-console.properties" \
        -Dlog.file="$JOB_LOG" -Dpensu.console.level=WARN \
        -Djava.io.tmpdir="$JOB_TMP" -Dflink.io.tmp.dirs="$JOB_TMP" \
        -Dflink.rest.port="$WEB_PORT" -Dflink.rest.bind-address=127.0.0.1 \
        -Dflink.execution.checkpointing.dir="file://$FLINK_DIR/checkpoints" \
        -Dflink.execution.checkpointing.incremental=true \
        -Dflink.state.backend.rocksdb.log.dir="$FLINK_DIR/rocksdb-logs" \
        -Dflink.security.delegation.tokens.enabled=false \
        -cp "$(job_classpath)" "$MAIN_CLASS" "${JOB_ARGS[@]}" </dev/null 2>"$JOB_STDERR" &
    JOB_PID=$!
}

# Flink's REST API through bash's /dev/tcp: a fresh machine may have no curl.
rest_get() (
    exec 3<>"/dev/tcp/127.0.0.1/$WEB_PORT" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
    local response
    response="$(timeout 5 cat <&3)"
    [[ "$response" == "HTTP/1."?" 200 "* ]] || exit 1
    echo "${response#*$'\r\n\r\n'}"
) 2>/dev/null

job_died() {
    tail -n 20 "$JOB_STDERR" >&2
    die "the job exited during start-up; see $JOB_LOG and $JOB_STDERR"
}

# The job's id, from the one job the web UI lists.
running_job_id() {
    local jobs
    jobs="$(rest_get /jobs/overview)" || return 1
    grep -o '"jid":"[0-9a-f]*"' <<<"$jobs" | head -n 1 | cut -d'"' -f4
}

# Every task of the job is running: its start-up messages are out.
all_tasks_running() {
    local job
    job="$(rest_get "/jobs/$1")" || return 1
    grep -q '"state":"RUNNING"' <<<"$job" &&
        ! grep -o '"status":"[A-Z]*"' <<<"$job" | grep -qv '"RUNNING"'
}

# Prints the job's id once all its tasks are running.
wait_for_job() {
    local deadline=$((SECONDS + START_TIMEOUT)) id=""
    while true; do
        kill -0 "$JOB_PID" 2>/dev/null || job_died
        [[ -n "$id" ]] || id="$(running_job_id)" || true
        if [[ -n "$id" ]] && all_tasks_running "$id"; then
            echo "$id"
            return
        fi
        ((SECONDS < deadline)) ||
            die "the job did not start within ${START_TIMEOUT}s (web UI on port $WEB_PORT); see $JOB_LOG"
        sleep 1
    done
}

print_where_to_look() {
    local id="$1"
    echo
    echo "Pensu is running."
    echo "  Flink web UI:  http://localhost:$WEB_PORT/#/job/running/$id/overview"
    echo "  Job log:       $JOB_LOG (warnings and errors also here)"
    if "$FEED"; then
        echo "  Demo feeder:   demo.* metrics into topic ${TOPICS[0]} every second (log: $FEED_LOG)"
    else
        echo "  Input topic:   ${TOPICS[0]}; send a sample with e.g."
        echo "                 echo \"my.metric 42 \$(date +%s)\" | $SHOWN_KAFKA produce ${TOPICS[0]}"
    fi
    cat <<EOF

A metric's output starts after its first $PENSU_ENCODER_LEARNING_SAMPLES samples and shows at each checkpoint (every
${PENSU_CHECKPOINT_INTERVAL} s), when the job commits its Kafka transactions. Watch the output from another terminal:
EOF
    print_consume_commands "$SHOWN_KAFKA"
    echo
    if "$FEED"; then
        echo "Ctrl-C stops the job and the feeder; $SHOWN_KAFKA stop stops the broker."
    else
        echo "Ctrl-C stops the job; $SHOWN_KAFKA stop stops the broker."
    fi
}

# Both get SIGTERM at once; one that has not exited after STOP_TIMEOUT seconds is killed. Then the
# job's temporary files go.
# shellcheck disable=SC2317 # run by the EXIT trap
stop_all() {
    local pids=() pid deadline=$((SECONDS + STOP_TIMEOUT))
    for pid in "$FEED_PID" "$JOB_PID"; do
        [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
    done
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null; do
            if ((SECONDS >= deadline)); then
                echo "run-local.sh: pid $pid did not stop within ${STOP_TIMEOUT}s; killing it" >&2
                kill -KILL "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.2
        done
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$JOB_TMP" ]]; then
        rm -rf "$JOB_TMP"
    fi
}

main() {
    parse_arguments "$@"
    require_tools java mvn
    port_in_use "$WEB_PORT" &&
        die "port $WEB_PORT is taken (another Flink?); choose another with --web-port"
    build_job
    export_job_settings
    read_job_topics "$(job_classpath)" "$TOPICS_STDERR" "${JOB_ARGS[@]}"
    start_kafka
    trap stop_all EXIT
    # Background processes of a script ignore Ctrl-C: the traps stop them.
    trap 'echo; progress "Stopping ..."; exit 130' INT
    trap 'exit 143' TERM
    if "$FEED"; then
        start_feeder
    fi
    start_job
    local job_id
    job_id="$(wait_for_job)"
    print_where_to_look "$job_id"
    local status=0
    wait "$JOB_PID" || status=$?
    JOB_PID=""
    die "the job stopped (exit status $status); see $JOB_LOG"
}

main "$@"
