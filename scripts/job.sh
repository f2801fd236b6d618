#!/usr/bin/env bash
# Runs and operates the Pensu job on a Flink session cluster through its REST API.
#
#   scripts/job.sh submit [--jar J] [--parallelism P] [--savepoint PATH] [-- job arguments]
#   scripts/job.sh list                       jobs on the cluster
#   scripts/job.sh status [JOB]               state, checkpoints and the job's own counters
#   scripts/job.sh savepoint [JOB]            take a savepoint, keep running; prints its path
#   scripts/job.sh stop [JOB]                 stop with a savepoint; prints its path
#   scripts/job.sh upgrade [--jar J] [--parallelism P] [JOB] [-- job arguments]
#                                             stop with a savepoint, submit again from it
#   scripts/job.sh cancel [JOB]               cancel without a savepoint
#   scripts/job.sh wait JOB                   wait until every task of the job runs (after a failure)
#
# JOB defaults to the one running job; the parallelism to the cluster's parallelism.default (for
# upgrade: to the job's); the jar to the newest shaded job jar the build produced
# (job/target/pensu-flink-job-<version>.jar). Job arguments are the job's --PENSU_X value options;
# the local broker's address (KAFKA_PORT) is added when they name none; upgrade reuses the
# arguments of the job it replaces unless given new ones.
#
# Environment: FLINK_REST_URL (default http://127.0.0.1:${FLINK_REST_PORT:-8081}), KAFKA_PORT
# (9092), PENSU_LOCAL_DIR (default <repo>/.local; the submitted arguments are kept under it),
# JOB_TIMEOUT (seconds to wait for a job to run or a savepoint to complete, default 120).
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly REST_URL="${FLINK_REST_URL:-http://127.0.0.1:${FLINK_REST_PORT:-8081}}"
readonly ARGS_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/jobs"
readonly LOCAL_KAFKA="127.0.0.1:${KAFKA_PORT:-9092}"
readonly TIMEOUT="${JOB_TIMEOUT:-120}"

# The job's own counters (README "Observability"), matched at the end of Flink's metric ids.
readonly JOB_METRICS='\.(recordsIn|samplesIn|rejected\.[a-z_0-9]+|samplesNotAllowed|metricsAdmitted|samplesOverQuota|metricsExpired|modelsQuarantined|modelsLive|modelsCreated|modelsRestored|samplesReplayed|snapshotsWritten|anomaliesReported|samplesBehindWatermark)$'

readonly SCRIPT_NAME=job.sh
# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"

for tool in curl jq; do
    require_command "$tool" "Debian: apt-get install $tool"
done

# A REST call; the cluster's own error text on failure.
rest() {
    local method="$1" path="$2" body
    shift 2
    if ! body="$(curl -sS --max-time 120 -X "$method" "$@" "$REST_URL$path" -w '\n%{http_code}' \
        2>/dev/null)"; then
        die "no Flink cluster answers at $REST_URL; start one with scripts/flink-cluster.sh start"
    fi
    local code="${body##*$'\n'}"
    body="${body%$'\n'*}"
    if [[ "$code" != 2* ]]; then
        die "$method $path failed (HTTP $code): $(rest_error "$body")"
    fi
    echo "$body"
}

# The innermost cause of a REST error: Flink sends whole stack traces.
rest_error() {
    local text cause
    text="$(jq -r '.errors // [] | map(tostring) | join("\n")' <<<"$1" 2>/dev/null || echo "$1")"
    cause="$(grep -E '^Caused by: ' <<<"$text" | tail -n 1 || true)"
    echo "${cause:-$(head -n 1 <<<"$text")}"
}

rest_json() {
    rest "$1" "$2" -H 'Content-Type: application/json' -d "$3"
}

# The given job id, or the one running job.
resolve_job() {
    if [[ -n "${1:-}" ]]; then
        rest GET "/jobs/$1" >/dev/null
        echo "$1"
        return
    fi
    local running
    running="$(rest GET /jobs/overview | jq -r '.jobs[] | select(.state == "RUNNING") | .jid')"
    [[ -n "$running" ]] || die "no job is running on $REST_URL; submit one with: $0 submit"
    (($(wc -l <<<"$running") == 1)) ||
        die "several jobs are running on $REST_URL; name one: $(tr '\n' ' ' <<<"$running")"
    echo "$running"
}

# The parallelism the job was submitted with: its widest operator (some run at 1 whatever it is).
job_parallelism() {
    rest GET "/jobs/$1" | jq -r '[.vertices[].parallelism] | max'
}

job_state() {
    rest GET "/jobs/$1" | jq -r '.state'
}

default_jar() {
    local jar newest=""
    for jar in "$REPO_DIR"/job/target/pensu-flink-job-*.jar; do
        # The test classes' jar (the generator's integration test uses them) is no job.
        [[ "$jar" != *-tests.jar ]] || continue
        if [[ -f "$jar" && (-z "$newest" || "$jar" -nt "$newest") ]]; then
            newest="$jar"
        fi
    done
    [[ -n "$newest" ]] || die "no job jar in $REPO_DIR/job/target; build it with:" \
        "mvn -B -ntp -DskipTests package (or pass --jar)"
    echo "$newest"
}

last_failure() {
    rest GET "/jobs/$1/exceptions" | jq -r '."root-exception" // "none" | split("\n")[0]'
}

# Waits until every task of the job runs: the job is then processing, not just scheduled.
wait_until_running() {
    local job="$1" deadline=$((SECONDS + TIMEOUT)) details state
    while true; do
        details="$(rest GET "/jobs/$job")"
        state="$(jq -r '.state' <<<"$details")"
        case "$state" in
            FAILED | CANCELED | FINISHED)
                rest GET "/jobs/$job/exceptions" | jq -r '."root-exception" // empty' | head -n 20 >&2
                die "job $job ended as $state; see scripts/flink-cluster.sh logs"
                ;;
        esac
        if [[ "$state" == RUNNING ]] &&
            jq -e 'all(.vertices[]; .status == "RUNNING")' <<<"$details" >/dev/null; then
            return
        fi
        ((SECONDS < deadline)) || die "not every task of job $job runs after ${TIMEOUT}s (job" \
            "$state; vertices $(jq -r '[.vertices[].status] | group_by(.) |
                map("\(length) \(.[0])") | join(", ")' <<<"$details"); last failure:" \
            "$(last_failure "$job")). Tasks that stay INITIALIZING usually wait for the Kafka" \
            "broker (scripts/kafka.sh status); see scripts/flink-cluster.sh logs taskmanager"
        sleep 1
    done
}

# Polls an asynchronous savepoint or stop operation; prints the savepoint's location.
await_savepoint() {
    local job="$1" trigger="$2" deadline=$((SECONDS + TIMEOUT)) result
    while true; do
        result="$(rest GET "/jobs/$job/savepoints/$trigger")"
        if [[ "$(jq -r '.status.id' <<<"$result")" == COMPLETED ]]; then
            jq -e -r '.operation.location // empty' <<<"$result" && return
            die "the savepoint of job $job failed: $(jq -r '.operation."failure-cause".class +
                ": " + (.operation."failure-cause"."stack-trace" | split("\n")[0])' <<<"$result")"
        fi
        ((SECONDS < deadline)) || die "the savepoint of job $job did not complete in ${TIMEOUT}s"
        sleep 1
    done
}

wait_until_ended() {
    local job="$1" deadline=$((SECONDS + TIMEOUT)) state
    until state="$(job_state "$job")" && [[ "$state" =~ ^(FINISHED|CANCELED|FAILED)$ ]]; do
        ((SECONDS < deadline)) || die "job $job is still $state after ${TIMEOUT}s"
        sleep 1
    done
    echo "$state"
}

# Adds the local broker unless the arguments name the servers.
with_local_kafka() {
    local args=("$@") option
    for option in PENSU_KAFKA_CONSUMER_SERVER PENSU_KAFKA_PRODUCER_SERVER; do
        if ! printf '%s\n' "${args[@]}" | grep -qx -- "--$option"; then
            args+=("--$option" "$LOCAL_KAFKA")
        fi
    done
    printf '%s\n' "${args[@]}"
}

# Uploads the jar, runs it and waits until it runs; prints the job id.
submit_job() {
    local jar="$1" parallelism="$2" savepoint="$3"
    shift 3
    [[ -f "$jar" ]] || die "no such jar: $jar"
    # Without it, a job submitted through REST runs at parallelism 1, whatever the cluster's default.
    if [[ -z "$parallelism" ]]; then
        parallelism="$(rest GET /jobmanager/config |
            jq -r 'map(select(.key == "parallelism.default")) | .[0].value // "1"')"
    fi
    local jar_id
    jar_id="$(rest POST /jars/upload -F "jarfile=@$jar;type=application/x-java-archive" |
        jq -r '.filename | split("/") | last')"
    local request
    request="$(jq -n --arg parallelism "$parallelism" --arg savepoint "$savepoint" \
        '{programArgsList: $ARGS.positional, parallelism: ($parallelism | tonumber)}
         + (if $savepoint != "" then {savepointPath: $savepoint} else {} end)' \
        --args -- "$@")"
    # The cluster keeps a running job's jar in its blob store: the upload is not needed either way.
    local response
    if ! response="$(rest_json POST "/jars/$jar_id/run" "$request")"; then
        rest DELETE "/jars/$jar_id" >/dev/null
        exit 1
    fi
    rest DELETE "/jars/$jar_id" >/dev/null
    local job
    job="$(jq -r '.jobid' <<<"$response")"
    mkdir -p "$ARGS_DIR"
    jq -n '$ARGS.positional' --args -- "$@" >"$ARGS_DIR/$job.json"
    wait_until_running "$job"
    echo "$job"
}

# Parses [--jar J] [--parallelism P] [--savepoint PATH] [JOB] [-- args] into globals.
parse_options() {
    JAR="" PARALLELISM="" SAVEPOINT="" JOB_ARG="" JOB_ARGS=() HAS_JOB_ARGS=""
    while (($# > 0)); do
        case "$1" in
            --jar) JAR="${2:?--jar needs a path}" && shift ;;
            --parallelism) PARALLELISM="${2:?--parallelism needs a number}" && shift ;;
            --savepoint) SAVEPOINT="${2:?--savepoint needs a path}" && shift ;;
            --)
                shift
                JOB_ARGS=("$@")
                HAS_JOB_ARGS=1
                break
                ;;
            -*) die "unknown option '$1'" ;;
            *) JOB_ARG="$1" ;;
        esac
        shift
    done
    [[ -z "$PARALLELISM" || "$PARALLELISM" =~ ^[1-9][0-9]*$ ]] ||
        die "--parallelism must be a positive integer, got '$PARALLELISM'"
}

cmd_submit() {
    parse_options "$@"
    [[ -z "$JOB_ARG" ]] || die "submit takes no job id; job arguments go after --"
    local jar="${JAR:-$(default_jar)}" args
    mapfile -t args < <(with_local_kafka "${JOB_ARGS[@]}")
    echo "Submitting $jar${SAVEPOINT:+ from $SAVEPOINT}${PARALLELISM:+ at parallelism $PARALLELISM} ..." >&2
    local started=$SECONDS job
    job="$(submit_job "$jar" "$PARALLELISM" "$SAVEPOINT" "${args[@]}")"
    echo "Job $job is running (in $((SECONDS - started))s); web UI: $REST_URL/#/job/running/$job/overview" >&2
    echo "$job"
}

cmd_savepoint() {
    local job trigger
    job="$(resolve_job "${1:-}")"
    echo "Taking a savepoint of job $job ..." >&2
    trigger="$(rest_json POST "/jobs/$job/savepoints" '{"cancel-job": false}' | jq -r '."request-id"')"
    await_savepoint "$job" "$trigger"
}

# Stops the job with a savepoint; prints the savepoint's location.
stop_with_savepoint() {
    local job="$1" trigger location state
    trigger="$(rest_json POST "/jobs/$job/stop" '{"drain": false}' | jq -r '."request-id"')"
    location="$(await_savepoint "$job" "$trigger")"
    state="$(wait_until_ended "$job")"
    [[ "$state" == FINISHED ]] || die "job $job ended as $state after its savepoint $location"
    echo "$location"
}

cmd_stop() {
    local job
    job="$(resolve_job "${1:-}")"
    echo "Stopping job $job with a savepoint ..." >&2
    stop_with_savepoint "$job"
}

cmd_upgrade() {
    parse_options "$@"
    [[ -z "$SAVEPOINT" ]] || die "upgrade takes its savepoint from the running job; use submit --savepoint"
    local job
    job="$(resolve_job "$JOB_ARG")"
    local args=()
    if [[ -n "$HAS_JOB_ARGS" ]]; then
        mapfile -t args < <(with_local_kafka "${JOB_ARGS[@]}")
    elif [[ -f "$ARGS_DIR/$job.json" ]]; then
        mapfile -t args < <(jq -r '.[]' "$ARGS_DIR/$job.json")
    else
        die "job $job was not submitted by this script, its arguments are unknown; give them after --"
    fi
    local jar parallelism started=$SECONDS location new_job
    jar="${JAR:-$(default_jar)}"
    # Checked before the job stops: a wrong --jar must not leave nothing running.
    [[ -f "$jar" ]] || die "no such jar: $jar"
    # An upgrade is no rescale unless asked: the cluster's default may differ from the job's.
    parallelism="${PARALLELISM:-$(job_parallelism "$job")}"
    echo "Stopping job $job with a savepoint ..." >&2
    location="$(stop_with_savepoint "$job")"
    echo "Savepoint $location; submitting $jar at parallelism $parallelism from it ..." >&2
    new_job="$(submit_job "$jar" "$parallelism" "$location" "${args[@]}")"
    echo "Job $new_job replaces $job (in $((SECONDS - started))s); web UI: $REST_URL/#/job/running/$new_job/overview" >&2
    echo "$new_job"
}

cmd_cancel() {
    local job
    job="$(resolve_job "${1:-}")"
    rest PATCH "/jobs/$job?mode=cancel" >/dev/null
    echo "Job $job: $(wait_until_ended "$job")"
}

cmd_wait() {
    (($# == 1)) || usage
    local started=$SECONDS
    wait_until_running "$1"
    echo "Job $1 is running (waited $((SECONDS - started))s)."
}

cmd_list() {
    rest GET /jobs/overview | jq -r '.jobs | sort_by(."start-time") | .[] |
        "\(.jid)  \(.state)  \(."start-time" / 1000 | todate)  \(.name)"'
}

# Sums each of the job's counters over the subtasks of every vertex that has it.
job_metrics() {
    local job="$1" vertex ids
    for vertex in $(rest GET "/jobs/$job" | jq -r '.vertices[].id'); do
        ids="$(rest GET "/jobs/$job/vertices/$vertex/subtasks/metrics" |
            jq -r --arg pattern "$JOB_METRICS" '[.[].id | select(test($pattern))] | join(",")')"
        [[ -n "$ids" ]] || continue
        rest GET "/jobs/$job/vertices/$vertex/subtasks/metrics?agg=sum&get=$ids" |
            jq -r '.[] | "  \(.id | sub("^.*?\\.(?<m>(rejected\\.)?[A-Za-z_0-9]+)$"; "\(.m)")) = \(.sum)"'
    done | sort -t= -k1,1 -u
}

cmd_status() {
    local job details
    job="$(resolve_job "${1:-}")"
    details="$(rest GET "/jobs/$job")"
    jq -r '"job \(.jid): \(.state), \(.name)",
        "  started \(."start-time" / 1000 | todate), running \(.duration / 1000 | floor) s",
        (.vertices[] | "  \(.status)  parallelism \(.parallelism)  \(.name)")' <<<"$details"
    rest GET "/jobs/$job/checkpoints" | jq -r '"checkpoints: \(.counts.completed) completed, " +
        "\(.counts.failed) failed, \(.counts.restored) restored" +
        (if .latest.completed then "; latest \(.latest.completed.external_path)" else "" end) +
        (if .latest.restored then "; restored from \(.latest.restored.external_path)" else "" end)'
    echo "metrics (sum over subtasks):"
    job_metrics "$job"
}

main() {
    (($# > 0)) || usage
    local command="$1"
    shift
    case "$command" in
        submit) cmd_submit "$@" ;;
        list) cmd_list ;;
        status) cmd_status "$@" ;;
        savepoint) cmd_savepoint "$@" ;;
        stop) cmd_stop "$@" ;;
        upgrade) cmd_upgrade "$@" ;;
        cancel) cmd_cancel "$@" ;;
        wait) cmd_wait "$@" ;;
        -h | --help | help) usage ;;
        *)
            echo "job.sh: unknown command '$command'" >&2
            usage
            ;;
    esac
}

main "$@"
