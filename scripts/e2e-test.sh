#!/usr/bin/env bash
# End-to-end tests against a real local stack: a KRaft Kafka broker (scripts/kafka.sh) and a
# standalone Flink session cluster (scripts/flink-cluster.sh), the shaded job jar submitted with
# Flink's CLI (scripts/flink), Kafka clients no one here wrote (Debian's kcat) and headless
# Chromium. The stack runs on its own ports and state directory, so a stack of yours keeps running.
#
#   scripts/e2e-test.sh          (after the build: needs job/target/pensu-flink-job-*.jar, and the
#                                Maven repository it filled: a second build of the job runs offline)
#   E2E_PORT_BASE=30000 scripts/e2e-test.sh
#                                the same on ports 39092, 38081, ... (default base 20000)
#   E2E_ONLY='submit the shaded jar|kcat in|golden' scripts/e2e-test.sh
#                                only the tests whose names match (an extended regular expression);
#                                most need the reference run of the first and third
#   scripts/e2e-test.sh --write-golden-savepoint
#                                replaces the committed savepoint that the state compatibility test
#                                restores; only when a release deliberately breaks compatibility
#
# Needs java, mvn, curl, jq, kcat, chromium, python3 (.ci/run installs the Debian packages).
# Keeps the logs in .local/e2e-<port base>/ when a test fails. Prints "N passed, N failed"; exits 1 on failure.
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly SCRIPTS="$REPO_DIR/scripts"

# E2E_PORT_BASE moves every port of the stack (default 20000: Kafka 29092, Flink web UI 28081), so
# that two runs on one machine do not meet.
readonly PORT_BASE="${E2E_PORT_BASE:-20000}"
export PENSU_LOCAL_DIR="$REPO_DIR/.local/e2e-$PORT_BASE"
export KAFKA_PORT=$((PORT_BASE + 9092)) KAFKA_CONTROLLER_PORT=$((PORT_BASE + 9093))
export FLINK_REST_PORT=$((PORT_BASE + 8081))
# One TaskManager, whatever the caller's environment says: the recovery tests kill TaskManager 1,
# which must be the one running the job.
export FLINK_TASKMANAGERS=1
# Room for the reference job and the job under test; quick retries while the broker is away.
export FLINK_CONF_OVERRIDES="jobmanager.rpc.port: $((PORT_BASE + 6123))
taskmanager.memory.process.size: 2g
taskmanager.numberOfTaskSlots: 4
execution.checkpointing.min-pause: 0 ms
restart-strategy.exponential-delay.max-backoff: 5 s"
readonly BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
readonly REST="http://127.0.0.1:$FLINK_REST_PORT"
readonly WORK="$PENSU_LOCAL_DIR/work"
readonly WAIT_SECONDS=150

readonly METRICS=(e2e.web.cpu e2e.web.mem e2e.db.load)
# Chunks of 60 samples per metric: the golden savepoint holds the first.
readonly SAMPLES_PER_METRIC=300
readonly CHUNKS=5
readonly START_EPOCH=1700000000
# The test-sized settings of the job's own integration tests (JobTestSupport): a small network and
# short learning, so that models are created after 20 samples and the run takes seconds. Any
# confidence reports: a small network's predictions are not confident enough for the default 0.9.
# No alert quieting and potential pools of 80 % of the input, as in the golden savepoint's models
# (0.1.0's): the golden run is compared with the reference run.
readonly SMALL_NETWORK='[{"metrics": ".*", "both": {"sp.columnCount": 256, "sp.numActiveColumnsPerInhArea": 10, "tm.cellsPerColumn": 4, "tm.activationThreshold": 4, "tm.minThreshold": 3, "tm.newSynapseCount": 6, "tm.maxSynapsesPerSegment": 12, "encoder.n": 200, "encoder.w": 11, "likelihood.quietSamples": 0, "sp.potentialPct": 0.8}}]'
readonly OUTPUTS=(anomalies predictions reports dead-letters)
# A savepoint of this release (the job after the first input chunk): every later release must
# restore it and continue exactly.
readonly GOLDEN_SAVEPOINT="$REPO_DIR/job/src/test/resources/golden-savepoint/0.1.0"
# A second build of the same sources under another version, to upgrade to.
readonly REBUILD_DIR="$WORK/rebuild"
readonly UPGRADE_TEST="upgrade to a rebuilt jar from a savepoint: outputs continue exactly"

# shellcheck source=scripts/e2e/graphite.sh
source "$SCRIPTS/e2e/graphite.sh"
# shellcheck source=scripts/lib/versions.sh
source "$SCRIPTS/lib/versions.sh"
# shellcheck source=scripts/lib/flink-cli.sh
source "$SCRIPTS/lib/flink-cli.sh"
JOB_JAR="$REPO_DIR/job/target/pensu-flink-job-$(project_version).jar"
readonly JOB_JAR
# The engine of the golden savepoint's models (0.1.0's default). The golden run is compared with
# the reference run, so every run uses it, except the golden run that restores the savepoint: that
# one uses the job's default engine, and its models must keep the engine they were created with.
readonly GOLDEN_SAVEPOINT_ENGINE=htm.java
RESTORING_GOLDEN_WITH_DEFAULT_ENGINE=true

PASSED=0
FAILED=0
FAILED_NAMES=()

log() {
    echo "[$(date -u +%H:%M:%S)] $*"
}

# Whether the test named $1 runs: every test, or those that E2E_ONLY matches.
selected() {
    [[ -z "${E2E_ONLY:-}" || "$1" =~ $E2E_ONLY ]]
}

# Runs one test in a subshell with errexit: any failing command fails the test, the next runs.
run_test() {
    local name="$1" started=$SECONDS rc
    shift
    selected "$name" || return 0
    log "TEST $name"
    set +e
    (
        set -e
        "$@"
    )
    rc=$?
    set -e
    if ((rc == 0)); then
        PASSED=$((PASSED + 1))
        log "PASS $name ($((SECONDS - started)) s)"
    else
        FAILED=$((FAILED + 1))
        FAILED_NAMES+=("$name")
        log "FAIL $name ($((SECONDS - started)) s)"
    fi
}

fail() {
    echo "  $*" >&2
    return 1
}

job_args() {
    local run="$1"
    printf '%s\n' \
        --PENSU_KAFKA_CONSUMER_SERVER "$BOOTSTRAP" \
        --PENSU_KAFKA_PRODUCER_SERVER "$BOOTSTRAP" \
        --PENSU_METRICS_KAFKA_TOPIC "$run-metrics" \
        --PENSU_ANOMALIES_METRICS_KAFKA_TOPIC "$run-anomalies" \
        --PENSU_PREDICTION_METRICS_KAFKA_TOPIC "$run-predictions" \
        --PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC "$run-reports" \
        --PENSU_DEAD_LETTER_KAFKA_TOPIC "$run-dead-letters" \
        --PENSU_TOPICS_KAFKA_TOPIC "$run-heartbeats" \
        --PENSU_TOPICS_REPORT_INTERVAL 0 \
        --PENSU_KAFKA_CONSUMER_GROUP "$run" \
        --PENSU_TRANSACTIONAL_ID_PREFIX "$run" \
        --PENSU_CHECKPOINT_INTERVAL 1 \
        --PENSU_ENCODER_LEARNING_SAMPLES 20 \
        --PENSU_SNAPSHOT_INTERVAL_SAMPLES 25 \
        --PENSU_PREDICTION_STEPS 3 \
        --PENSU_LIKELIHOOD_LEARNING_PERIOD 30 \
        --PENSU_LIKELIHOOD_ESTIMATION_SAMPLES 10 \
        --PENSU_LIKELIHOOD_HISTORY 200 \
        --PENSU_LIKELIHOOD_REESTIMATION_PERIOD 10 \
        --PENSU_MODEL_PARAMETERS "$SMALL_NETWORK" \
        --PENSU_MINIMUM_CONFIDENCE_FOR_REPORTING 0
    if [[ "$run" != golden || "$RESTORING_GOLDEN_WITH_DEFAULT_ENGINE" != true ]]; then
        printf '%s\n' --PENSU_HTM_ENGINE "$GOLDEN_SAVEPOINT_ENGINE"
    fi
    # Keyed input, produced chunk by chunk: arrival order, so each chunk's outputs come at once.
    # The unkeyed run orders by event time, the default.
    if [[ "$run" != unkeyed ]]; then
        printf '%s\n' --PENSU_MAX_OUT_OF_ORDERNESS 0
    fi
}

create_topics() {
    local run="$1" topics=("$1-metrics" "$1-heartbeats") output
    for output in "${OUTPUTS[@]}"; do
        topics+=("$run-$output")
    done
    "$SCRIPTS/kafka.sh" create-topics "${topics[@]}" >/dev/null
}

# Carbon lines keyed by metric name (each metric's samples stay in order on one partition): a
# wave with a spike every 97 samples, one sample a minute, split into chunks; the first chunk also
# carries one bad line per rejection the test expects.
write_input() {
    awk -v samples="$SAMPLES_PER_METRIC" -v chunks="$CHUNKS" -v start="$START_EPOCH" \
        -v metrics="${METRICS[*]}" -v dir="$WORK" 'BEGIN {
        n = split(metrics, m, " ")
        per_chunk = samples / chunks
        pi = atan2(0, -1)
        for (i = 0; i < samples; i++) {
            file = dir "/input-" int(i / per_chunk) ".txt"
            for (k = 1; k <= n; k++) {
                wave = 50 + 40 * sin(2 * pi * i / 30)
                value = (i % 97 == 96) ? wave + 300 : wave
                printf "%s\t%s %.2f %d\n", m[k], m[k], value, start + 60 * i > file
            }
            if (i == 50) {
                printf "%s\t%s 1 %d\n", m[1], m[1], start + 60 * 3 > file
                print "bad\tnodot 1 1700000000" > file
                print "bad\te2e.web.cpu x 1700000000" > file
                print "bad\te2e.web.cpu 1" > file
            }
        }
    }'
    cat "$WORK"/input-*.txt >"$WORK/input-all.txt"
}

readonly EXPECTED_REJECTIONS="name_without_dot
out_of_order
unparsable_value
wrong_token_count"

produce() {
    kcat -b "$BOOTSTRAP" -P -t "$1" -K $'\t' -X enable.idempotence=true -l "$2"
}

# One record every 10 ms, so that a failure injected meanwhile hits a job that is processing.
produce_slowly() {
    awk '{ print; fflush(); system("sleep 0.01") }' "$2" |
        kcat -b "$BOOTSTRAP" -P -t "$1" -K $'\t' -X enable.idempotence=true
}

# What a consumer sees, read_committed unless told: key TAB value, each key's records in their order.
consume() {
    kcat -b "$BOOTSTRAP" -C -t "$1" -X isolation.level="${2:-read_committed}" -e -q -o beginning \
        -f '%k\t%s\n' | sort -s -t $'\t' -k1,1
}

samples_up_to_chunk() {
    echo $((${#METRICS[@]} * SAMPLES_PER_METRIC * ($1 + 1) / CHUNKS))
}

# Waits until a topic holds at least the given number of distinct records (every output line is
# unique, so a replay's repeats do not count), read_committed unless told.
wait_for_records() {
    local topic="$1" wanted="$2" isolation="${3:-read_committed}" have=0
    local deadline=$((SECONDS + WAIT_SECONDS))
    while ((SECONDS < deadline)); do
        have="$(consume "$topic" "$isolation" | sort -u | wc -l)"
        ((have >= wanted)) && return
        sleep 1
    done
    fail "$topic has $have distinct $isolation records after ${WAIT_SECONDS}s, expected $wanted"
}

# wait_for_outputs_of_chunk RUN CHUNK [ISOLATION]
wait_for_outputs_of_chunk() {
    local run="$1" samples
    samples="$(samples_up_to_chunk "$2")"
    wait_for_records "$run-anomalies" $((3 * samples)) "${3:-read_committed}"
    # A metric's first sample predicts nothing: its interval is not known yet.
    wait_for_records "$run-predictions" $((2 * (samples - ${#METRICS[@]}))) "${3:-read_committed}"
}

# Exactly-once: every output line is unique (one per output metric and timestamp).
expect_no_duplicates() {
    local topic="$1" duplicates
    duplicates="$(consume "$topic" | sort | uniq -d | head -n 5)"
    [[ -z "$duplicates" ]] || fail "$topic has duplicates:" "$duplicates"
}

job_id_of() {
    cat "$WORK/$1.job"
}

# Runs the run's job with `flink run -d` and waits until every task runs.
# submit RUN [--jar JAR] [flink run options, e.g. -p 2 -s SAVEPOINT] [-- job arguments besides the run's]
submit() {
    local run="$1" jar="$JOB_JAR" options=() job
    shift
    while (($# > 0)) && [[ "$1" != -- ]]; do
        if [[ "$1" == --jar ]]; then
            jar="$2"
            shift 2
            continue
        fi
        options+=("$1")
        shift
    done
    (($# == 0)) || shift
    mapfile -t args < <(job_args "$run")
    job="$(run_job "${options[@]}" "$jar" "${args[@]}" "$@")"
    echo "$job" >"$WORK/$run.job"
}

# Stops the run's job with a savepoint and runs it again from there, on the jar and at the
# parallelism given.
# upgrade RUN [--jar JAR] -p PARALLELISM
upgrade() {
    local run="$1" location
    shift
    location="$(stop_job_with_savepoint "$(job_id_of "$run")")"
    echo "  stopped with savepoint $location"
    submit "$run" "$@" -s "$location"
}

cancel() {
    "$SCRIPTS/flink" cancel "$(job_id_of "$1")" >/dev/null
}

test_submit_reference_job() {
    create_topics reference
    submit reference -p 2
    local state
    state="$(curl -sf "$REST/jobs/$(job_id_of reference)" | jq -r .state)"
    [[ "$state" == RUNNING ]] || fail "job state $state"
}

test_web_ui_shows_the_job_graph() {
    local job url shot="$WORK/job-page.png" dom="$WORK/job-page.html"
    job="$(job_id_of reference)"
    url="$REST/#/job/running/$job/overview"
    chromium_headless --screenshot="$shot" "$url"
    chromium_headless --dump-dom "$url" >"$dom"
    [[ -s "$shot" ]] || fail "no screenshot at $shot"
    python3 "$SCRIPTS/e2e/png-colours.py" "$shot" 16 || fail "the screenshot $shot is (nearly) uniform"
    local vertex vertices nodes
    curl -sf "$REST/jobs/$job" | jq -r '.vertices[].name' >"$WORK/vertices.txt"
    graph_node_labels "$dom" >"$WORK/graph-nodes.txt"
    vertices="$(wc -l <"$WORK/vertices.txt")"
    nodes="$(wc -l <"$WORK/graph-nodes.txt")"
    ((nodes == vertices)) || fail "the rendered job graph has $nodes nodes, the REST API lists $vertices vertices"
    for vertex in "HTM anomaly detection and prediction" "Separate dead letters"; do
        grep -qF "$vertex" "$WORK/vertices.txt" || fail "the REST API lists no vertex '$vertex'"
        grep -qF "$vertex" "$WORK/graph-nodes.txt" || fail "no node of the rendered job graph shows '$vertex'"
    done
    echo "  screenshot $shot ($(stat -c %s "$shot") bytes), $nodes nodes in the job graph"
}

# The text of each node of the job graph the web UI drew (Flink 2.2's markup; it cuts long ones).
graph_node_labels() {
    grep -oE 'class="detail description[^"]*">[^<]*' "$1" |
        sed -e 's/^[^>]*>//' -e 's/&gt;/>/g' -e 's/&lt;/</g' -e 's/&amp;/\&/g'
}

# A fresh profile per call; a second try, because a first start in a new environment can hang.
chromium_headless() {
    chromium_once "$@" || chromium_once "$@"
}

chromium_once() {
    local profile
    profile="$(mktemp -d "$WORK/chromium.XXXXXX")"
    timeout 45 chromium --headless --no-sandbox --no-zygote --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --window-size=1400,900 --virtual-time-budget=8000 "$@" \
        2>"$profile.log" || return
    rm -rf "$profile"
}

test_kafka_in_graphite_lines_reports_and_dead_letters_out() {
    produce reference-metrics "$WORK/input-all.txt"
    wait_for_outputs_of_chunk reference $((CHUNKS - 1))
    local samples lines
    samples="$(samples_up_to_chunk $((CHUNKS - 1)))"
    consume reference-anomalies | cut -f2- >"$WORK/reference-anomalies.lines"
    lines="$(wc -l <"$WORK/reference-anomalies.lines")"
    ((lines == 3 * samples)) || fail "$lines anomaly lines, expected $((3 * samples))"
    grep -vE '^pensu\.anomaly_(score|likelihood|direction)\.metrics_analyzer\.e2e\.[a-z]+\.[a-z]+ -?[0-9][0-9.Ee-]* [0-9]+$' \
        "$WORK/reference-anomalies.lines" | head -n 3 | grep . && fail "malformed anomaly lines above"
    grep -qxE "pensu\.anomaly_score\.metrics_analyzer\.e2e\.web\.cpu [0-9.]+ $START_EPOCH" \
        "$WORK/reference-anomalies.lines" || fail "no anomaly score for the first sample"
    consume reference-predictions | cut -f2- >"$WORK/reference-predictions.lines"
    grep -qxE "pensu\.prediction\.metrics_analyzer\.e2e\.db\.load [0-9.]+ $((START_EPOCH + 4 * 60))" \
        "$WORK/reference-predictions.lines" || fail "no 3-step prediction for the second sample"
    consume reference-reports | cut -f2- >"$WORK/reference-reports.json"
    jq -e -s 'length > 0 and all(.[]; .reporter == "pensu" and (.metric.name | startswith("e2e."))
        and .meta_data.htm_anomaly_likelihood >= 0.99999)' "$WORK/reference-reports.json" >/dev/null ||
        fail "expected JSON anomaly reports, got $(wc -l <"$WORK/reference-reports.json")"
    echo "  $lines anomaly lines, $(wc -l <"$WORK/reference-predictions.lines") prediction lines," \
        "$(wc -l <"$WORK/reference-reports.json") reports"
    wait_for_records reference-dead-letters 4
    local reasons
    reasons="$(consume reference-dead-letters | cut -f2- | jq -r .reason | sort)"
    [[ "$reasons" == "$EXPECTED_REJECTIONS" ]] || fail "dead letters for: $reasons"
}

# The reference run's input as a producer that does not key records sends it: kcat spreads the
# lines over the 2 partitions at random, so each metric's samples cross partitions. Ordered by event
# time (the default bound), the outputs equal the keyed reference run's. A line far ahead on each
# partition moves the watermark past the last samples, which would otherwise wait for newer ones.
# The late duplicate of sample 3 is left out: the keyed run rejects it for coming after sample 3,
# while here it can meet sample 3 still waiting for the watermark, and the smaller value wins.
test_unkeyed_records_give_the_reference_outputs() {
    create_topics unkeyed
    submit unkeyed -p 2
    cut -f2- "$WORK/input-all.txt" | grep -vxF "${METRICS[0]} 1 $((START_EPOCH + 60 * 3))" \
        >"$WORK/input-unkeyed.txt"
    # No sticky batches: each record goes to a partition of its own choosing.
    kcat -b "$BOOTSTRAP" -P -t unkeyed-metrics -X enable.idempotence=true \
        -X sticky.partitioning.linger.ms=0 -l "$WORK/input-unkeyed.txt"
    local partition counts
    echo "e2e.end.marker 1 $((START_EPOCH + 86400 * 365))" >"$WORK/end-marker.txt"
    for partition in 0 1; do
        kcat -b "$BOOTSTRAP" -P -t unkeyed-metrics -p "$partition" -l "$WORK/end-marker.txt"
    done
    counts="$(kcat -b "$BOOTSTRAP" -C -t unkeyed-metrics -e -q -o beginning -f '%p\n' | sort | uniq -c)"
    (($(wc -l <<<"$counts") == 2)) || fail "the records did not spread over both partitions: $counts"
    wait_for_outputs_of_chunk unkeyed $((CHUNKS - 1))
    expect_no_duplicates unkeyed-anomalies
    expect_outputs_of_chunks unkeyed 0 $((CHUNKS - 1))
    echo "  records by partition: $(awk '{ printf "%s%d in %d", sep, $1, $2; sep = ", " }' <<<"$counts");" \
        "outputs equal the keyed reference run's"
    cancel unkeyed
}

test_stop_with_savepoint_and_resubmit_at_another_parallelism() {
    cancel reference
    create_topics upgraded
    submit upgraded -p 1
    produce upgraded-metrics "$WORK/input-0.txt"
    wait_for_outputs_of_chunk upgraded 0
    upgrade upgraded -p 2
    expect_detector_parallelism upgraded 2
    produce upgraded-metrics "$WORK/input-1.txt"
    wait_for_outputs_of_chunk upgraded 1
    expect_no_duplicates upgraded-anomalies
    expect_same_outputs_as_reference 1
}

expect_detector_parallelism() {
    curl -sf "$REST/jobs/$(job_id_of "$1")" | jq -e --argjson p "$2" '
        any(.vertices[]; .name | startswith("HTM")) and
        all(.vertices[]; (.name | startswith("HTM") | not) or .parallelism == $p)' >/dev/null ||
        fail "the detector of $1 does not run at parallelism $2"
}

# Starts copying the working tree (without build output) and building it offline, in the
# background, under another version: a genuinely different jar of the same sources, while the main
# build's target/ stays as it is. It runs during the first tests, which mostly wait for the stack
# (not during the stack's start, whose readiness waits are the tighter ones).
start_building_another_jar() {
    local version
    version="$(project_version)"
    mkdir -p "$REBUILD_DIR"
    # Every module's pom, for the reactor; the sources of the two the job jar is built from.
    (cd "$REPO_DIR" && tar -cf - pom.xml ./*/pom.xml udfs/src job/src) | tar -C "$REBUILD_DIR" -xf -
    local rebuilt="${version%-SNAPSHOT}-e2e"
    sed -i "s|<version>$version</version>|<version>$rebuilt</version>|" \
        "$REBUILD_DIR"/pom.xml "$REBUILD_DIR"/*/pom.xml
    echo "$REBUILD_DIR/job/target/pensu-flink-job-$rebuilt.jar" >"$WORK/rebuild.jar"
    (
        cd "$REBUILD_DIR"
        local started=$SECONDS rc=0
        mvn -o -q -B -pl udfs,job -am package -DskipTests -Dspotless.check.skip=true \
            >"$WORK/rebuild.log" 2>&1 &
        echo $! >"$WORK/rebuild.pid"
        wait $! || rc=$?
        echo "$rc $((SECONDS - started))" >"$WORK/rebuild.status"
    ) &
}

# Prints the rebuilt jar once its build has ended.
rebuilt_jar() {
    local deadline=$((SECONDS + WAIT_SECONDS)) rc seconds
    until [[ -s "$WORK/rebuild.status" ]]; do
        ((SECONDS < deadline)) || fail "the second build did not end in ${WAIT_SECONDS}s"
        sleep 1
    done
    read -r rc seconds <"$WORK/rebuild.status"
    ((rc == 0)) || fail "the second build failed:" "$(tail -n 20 "$WORK/rebuild.log")"
    echo "  the second build took ${seconds}s in the background" >&2
    cat "$WORK/rebuild.jar"
}

# The JobManager keeps a job's jar in its blob store under the jar's SHA-1.
expect_job_runs_jar() {
    local job="$1" jar="$2" sha1
    sha1="$(sha1sum "$jar" | cut -d' ' -f1)"
    find "$PENSU_LOCAL_DIR/flink/tmp" -path "*/job_$job/blob_p-$sha1-*" | grep -q . ||
        fail "job $job does not run $jar (no blob with its SHA-1 $sha1)"
}

test_upgrade_to_a_rebuilt_jar() {
    local jar
    jar="$(rebuilt_jar)"
    local checksum
    checksum="$(sha256sum "$jar" | cut -d' ' -f1)"
    [[ -f "$jar" ]] || fail "the second build made no $jar"
    if sha256sum "$REPO_DIR"/job/target/pensu-flink-job-*.jar | grep -qF "$checksum"; then
        fail "$jar is the same file as the first build's"
    fi
    echo "  rebuilt $(basename "$jar") (sha256 ${checksum:0:12}...)"
    upgrade upgraded --jar "$jar" -p 2
    expect_job_runs_jar "$(job_id_of upgraded)" "$jar"
    expect_detector_parallelism upgraded 2
    produce upgraded-metrics "$WORK/input-2.txt"
    wait_for_outputs_of_chunk upgraded 2
    expect_no_duplicates upgraded-anomalies
    expect_same_outputs_as_reference 2
}

# checkpoints RUN completed|restored: how many
checkpoints() {
    curl -sf "$REST/jobs/$(job_id_of "$1")/checkpoints" | jq ".counts.$2"
}

# Kills the TaskManager with SIGKILL while the chunk is being produced, slowly, and starts a new one.
kill_taskmanager_while_producing() {
    local run="$1" input="$2"
    produce_slowly "$run-metrics" "$input" &
    local producer=$!
    sleep 1
    local pid
    pid="$(cat "$PENSU_LOCAL_DIR/flink/taskmanager-1.pid")"
    echo "  killing the TaskManager (pid $pid) with SIGKILL"
    kill -KILL "$pid"
    "$SCRIPTS/flink-cluster.sh" start | grep -F TaskManager
    wait "$producer"
}

test_taskmanager_killed_mid_stream() {
    local restored_before
    restored_before="$(checkpoints upgraded restored)"
    kill_taskmanager_while_producing upgraded "$WORK/input-3.txt"
    wait_for_outputs_of_chunk upgraded 3
    expect_no_duplicates upgraded-anomalies
    expect_same_outputs_as_reference 3
    (($(checkpoints upgraded restored) > restored_before)) ||
        fail "the job did not restore from a checkpoint"
}

# kcat gives up when its only broker goes away, so the chunk is produced in two halves: the job
# has the first to process, and a transaction open, when the broker stops.
test_kafka_restarted_mid_stream() {
    local lines
    lines="$(wc -l <"$WORK/input-4.txt")"
    head -n $((lines / 2)) "$WORK/input-4.txt" >"$WORK/input-4a.txt"
    tail -n +$((lines / 2 + 1)) "$WORK/input-4.txt" >"$WORK/input-4b.txt"
    produce upgraded-metrics "$WORK/input-4a.txt"
    "$SCRIPTS/kafka.sh" stop >/dev/null
    # grep, not head: head would close the pipe on kafka.sh's next line and fail it with SIGPIPE.
    "$SCRIPTS/kafka.sh" start | grep -F 'Kafka is running'
    produce upgraded-metrics "$WORK/input-4b.txt"
    wait_for_outputs_of_chunk upgraded 4
    expect_no_duplicates upgraded-anomalies
    expect_same_outputs_as_reference 4
    JOB_TIMEOUT=60 "$SCRIPTS/job-status.sh" --wait "$(job_id_of upgraded)" >/dev/null
}

# At least once: no transactions, consumers see outputs at once (any isolation level), and a
# restore writes again what the job wrote after its checkpoint. Another job gets the first three
# chunks; the TaskManager dies during the third, after a checkpoint.
test_at_least_once_taskmanager_killed_mid_stream() {
    cancel upgraded
    create_topics at-least-once
    submit at-least-once -p 2 -- --PENSU_DELIVERY_GUARANTEE at-least-once
    produce at-least-once-metrics "$WORK/input-0.txt"
    produce at-least-once-metrics "$WORK/input-1.txt"
    wait_for_a_completed_checkpoint at-least-once
    kill_taskmanager_while_producing at-least-once "$WORK/input-2.txt"
    wait_for_outputs_of_chunk at-least-once 2 read_uncommitted
    expect_outputs_of_chunks at-least-once 0 2 at-least-once
    (($(checkpoints at-least-once restored) > 0)) || fail "the job did not restore from a checkpoint"
    echo "  outputs of the first $(samples_up_to_chunk 2) samples, repeats aside, equal the uninterrupted run's"
    cancel at-least-once
}

wait_for_a_completed_checkpoint() {
    local deadline=$((SECONDS + WAIT_SECONDS))
    until (($(checkpoints "$1" completed) > 0)); do
        ((SECONDS < deadline)) || fail "$1 completed no checkpoint in ${WAIT_SECONDS}s"
        sleep 1
    done
}

# Same records per key, in the same order, as the uninterrupted reference run, for every sample
# produced so far: models continued, nothing lost, nothing twice.
expect_same_outputs_as_reference() {
    local chunk="$1" samples output
    samples="$(samples_up_to_chunk "$chunk")"
    expect_outputs_of_chunks upgraded 0 "$chunk"
    echo "  outputs of the first $samples samples equal the uninterrupted run's"
}

# expect_outputs_of_chunks RUN FIRST LAST [at-least-once]
# At least once, the run's records are read as a plain consumer reads them (read_uncommitted) and a
# repeat of a record before it is dropped: every output line is unique, so a repeat is a replay.
expect_outputs_of_chunks() {
    local run="$1" first="$2" last="$3" guarantee="${4:-exactly-once}" output
    for output in anomalies predictions; do
        if [[ "$guarantee" == at-least-once ]]; then
            consume "$run-$output" read_uncommitted >"$WORK/$run-$output.all.txt"
            awk '!seen[$0]++' "$WORK/$run-$output.all.txt" >"$WORK/$run-$output.txt"
            echo "  $run-$output: $(($(wc -l <"$WORK/$run-$output.all.txt") -
                $(wc -l <"$WORK/$run-$output.txt"))) records written twice"
        else
            consume "$run-$output" >"$WORK/$run-$output.txt"
        fi
        consume "reference-$output" | within_chunks "$first" "$last" >"$WORK/expected-$output.txt"
        diff -q "$WORK/expected-$output.txt" "$WORK/$run-$output.txt" >/dev/null ||
            fail "$run-$output differs from the reference run:" \
                "$(diff "$WORK/expected-$output.txt" "$WORK/$run-$output.txt" | head -n 6)"
    done
}

# Output lines of the samples of chunks first..last: anomaly lines carry the sample's timestamp,
# prediction lines the timestamp 3 samples later.
within_chunks() {
    local per_chunk=$((SAMPLES_PER_METRIC / CHUNKS))
    awk -v from=$((START_EPOCH + 60 * per_chunk * $1)) \
        -v to=$((START_EPOCH + 60 * (per_chunk * ($2 + 1) - 1))) \
        '{ stamp = $NF; if ($2 ~ /^pensu\.prediction/) stamp -= 180 } stamp >= from && stamp <= to'
}

test_restores_the_golden_savepoint() {
    [[ -f "$GOLDEN_SAVEPOINT/_metadata" ]] || fail "no golden savepoint at $GOLDEN_SAVEPOINT"
    create_topics golden
    # The same records as when the savepoint was taken, so that its offsets point past them.
    produce golden-metrics "$WORK/input-0.txt"
    cp -r "$GOLDEN_SAVEPOINT" "$WORK/golden-savepoint"
    submit golden -p 2 -s "file://$WORK/golden-savepoint"
    produce golden-metrics "$WORK/input-1.txt"
    local samples=$((${#METRICS[@]} * SAMPLES_PER_METRIC / CHUNKS))
    wait_for_records golden-anomalies $((3 * samples))
    wait_for_records golden-predictions $((2 * samples))
    expect_outputs_of_chunks golden 1 1
    echo "  the models of the savepoint continued exactly for $samples more samples"
}

write_golden_savepoint() {
    create_topics golden
    submit golden -p 2
    produce golden-metrics "$WORK/input-0.txt"
    wait_for_outputs_of_chunk golden 0
    local location
    location="$(stop_job_with_savepoint "$(job_id_of golden)")"
    rm -rf "$GOLDEN_SAVEPOINT"
    mkdir -p "$(dirname "$GOLDEN_SAVEPOINT")"
    cp -r "${location#file:}" "$GOLDEN_SAVEPOINT"
    log "golden savepoint written to $GOLDEN_SAVEPOINT ($(du -sh "$GOLDEN_SAVEPOINT" | cut -f1))"
}

# The cluster first: a job still running must not lose its broker before it stops.
stop_stack() {
    "$SCRIPTS/flink-cluster.sh" stop
    "$SCRIPTS/kafka.sh" stop
}

cleanup() {
    stop_building_another_jar
    stop_stack >/dev/null 2>&1 || true
}

# The second build, when the run ends before it.
stop_building_another_jar() {
    [[ -s "$WORK/rebuild.pid" && ! -s "$WORK/rebuild.status" ]] || return 0
    kill "$(cat "$WORK/rebuild.pid")" 2>/dev/null || true
}

# Everything but the copied jars.
remove_state() {
    rm -rf "$PENSU_LOCAL_DIR"/kafka/data "$PENSU_LOCAL_DIR"/flink/{checkpoints,savepoints,log,tmp} \
        "$WORK"
}

# The data generator's shaded jar, run by scripts/generator.sh against the real broker: it writes
# the lines it is asked for, each a carbon line keyed by its metric's name.
test_data_generator_writes_carbon_lines_keyed_by_metric() {
    local lines bad
    "$SCRIPTS/kafka.sh" create-topics generator-lines >/dev/null
    "$SCRIPTS/generator.sh" --topic generator-lines --speed-up 1000000 --count 200 \
        2>"$WORK/generator.log"
    lines="$(consume generator-lines)"
    (($(wc -l <<<"$lines") == 200)) || fail "expected 200 lines, got $(wc -l <<<"$lines")"
    bad="$(grep -vE $'^([^ \t]+)\t\\1 -?[0-9]+(\\.[0-9]+)? [0-9]+(\\.[0-9]+)?$' <<<"$lines" || true)"
    [[ -z "$bad" ]] || fail "not carbon lines keyed by their metric: $(head -n 3 <<<"$bad")"
    grep -q $'^nab\\.aws\\.' <<<"$lines" || fail "no nab.aws.* samples"
    grep -q $'\\.loadavg\\.15min\t' <<<"$lines" || fail "no host samples"
}

main() {
    for tool in java mvn curl jq kcat chromium python3; do
        command -v "$tool" >/dev/null 2>&1 || {
            echo "e2e-test.sh: '$tool' not found on PATH" >&2
            exit 1
        }
    done
    local started=$SECONDS
    trap cleanup EXIT
    stop_stack >/dev/null 2>&1 || true
    remove_state
    mkdir -p "$WORK"
    write_input
    log "starting the stack in $PENSU_LOCAL_DIR"
    {
        "$SCRIPTS/kafka.sh" start
        "$SCRIPTS/flink-cluster.sh" start
    } >"$WORK/stack-start.log"
    log "stack ready ($((SECONDS - started)) s)"
    if [[ "${1:-}" == --write-golden-savepoint ]]; then
        RESTORING_GOLDEN_WITH_DEFAULT_ENGINE=false
        write_golden_savepoint
        return
    fi
    if selected "$UPGRADE_TEST"; then
        start_building_another_jar
    fi

    run_test "submit the shaded jar with flink run; the job runs" test_submit_reference_job
    run_test "the web UI shows the job graph with its operator names" test_web_ui_shows_the_job_graph
    run_test "kcat in; Graphite lines, reports and dead letters out" \
        test_kafka_in_graphite_lines_reports_and_dead_letters_out
    run_test "unkeyed kcat records over 2 partitions: the reference run's outputs, by event time" \
        test_unkeyed_records_give_the_reference_outputs
    run_test "stop with savepoint, resubmit at parallelism 2: outputs continue exactly" \
        test_stop_with_savepoint_and_resubmit_at_another_parallelism
    run_test "$UPGRADE_TEST" test_upgrade_to_a_rebuilt_jar
    run_test "TaskManager killed mid-stream, a new one started: exactly-once recovery" \
        test_taskmanager_killed_mid_stream
    run_test "Kafka broker restarted mid-stream: the job recovers on its own" \
        test_kafka_restarted_mid_stream
    run_test "at-least-once, TaskManager killed mid-stream: nothing lost, repeats are replays" \
        test_at_least_once_taskmanager_killed_mid_stream
    run_test "the golden savepoint of release 0.1.0 restores and continues exactly" \
        test_restores_the_golden_savepoint
    run_test "Graphite: carbon stores the outputs exactly; the chart report renders" \
        test_graphite_charts_the_reference_run
    run_test "the data generator writes carbon lines keyed by metric" \
        test_data_generator_writes_carbon_lines_keyed_by_metric

    echo
    echo "e2e: $PASSED passed, $FAILED failed ($((SECONDS - started)) s)"
    if ((FAILED > 0)); then
        printf '  failed: %s\n' "${FAILED_NAMES[@]}"
        echo "  logs and outputs kept in $PENSU_LOCAL_DIR (flink/log, kafka/logs, work)"
        exit 1
    fi
    cleanup
    remove_state
}

main "$@"
