#!/usr/bin/env bash
# What Flink's CLI does not show of a job on the local cluster, from its REST API: whether every
# task runs, and the job's own counters.
#
#   scripts/job-status.sh [JOB]          state, tasks, checkpoints and the job's own counters
#   scripts/job-status.sh --wait [JOB]   first waits until every task of the job runs (after
#                                        `flink run -d`, or a failure); fails if the job ends
#
# JOB defaults to the one running job. Environment: FLINK_REST_PORT (8081), JOB_TIMEOUT (seconds
# to wait, default 120).
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly REST_URL="http://127.0.0.1:${FLINK_REST_PORT:-8081}"
readonly TIMEOUT="${JOB_TIMEOUT:-120}"
# The job's own counters (README "Observability"), matched at the end of Flink's metric ids.
readonly JOB_METRICS='\.(recordsIn|samplesIn|rejected\.[a-z_0-9]+|samplesNotAllowed|metricsAdmitted|samplesOverQuota|metricsExpired|modelsQuarantined|modelsLive|modelsCreated|modelsRestored|samplesReplayed|snapshotsWritten|anomaliesReported|samplesBehindWatermark)$'
readonly SCRIPT_NAME=job-status.sh

# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"

rest() {
    curl -sf --max-time 30 "$REST_URL$1" ||
        die "GET $1 failed at $REST_URL; is the cluster running (scripts/flink-cluster.sh status)?"
}

# The given job, or the one running job.
resolve_job() {
    [[ -z "${1:-}" ]] || {
        echo "$1"
        return
    }
    local running
    running="$(rest /jobs/overview | jq -r '.jobs[] | select(.state == "RUNNING") | .jid')"
    [[ -n "$running" ]] || die "no job is running on $REST_URL"
    (($(wc -l <<<"$running") == 1)) || die "several jobs are running; name one: $(tr '\n' ' ' <<<"$running")"
    echo "$running"
}

# Waits until every task of the job runs: the job then processes, not just is scheduled.
wait_until_running() {
    local job="$1" deadline=$((SECONDS + TIMEOUT)) details state
    while true; do
        details="$(rest "/jobs/$job")"
        state="$(jq -r .state <<<"$details")"
        if [[ "$state" =~ ^(FAILED|CANCELED|FINISHED)$ ]]; then
            rest "/jobs/$job/exceptions" | jq -r '."root-exception" // empty' | head -n 20 >&2
            die "job $job ended as $state; see scripts/flink-cluster.sh logs"
        fi
        [[ "$state" == RUNNING ]] && jq -e 'all(.vertices[]; .status == "RUNNING")' \
            <<<"$details" >/dev/null && return
        ((SECONDS < deadline)) || die "not every task of job $job runs after ${TIMEOUT}s" \
            "($(jq -r '[.vertices[].status] | group_by(.) | map("\(length) \(.[0])") |
                join(", ")' <<<"$details")); tasks that stay INITIALIZING usually wait for the" \
            "Kafka broker; see scripts/flink-cluster.sh logs taskmanager-1"
        sleep 1
    done
}

# Sums each of the job's counters over the subtasks of every vertex that has it.
job_metrics() {
    local job="$1" vertex ids
    for vertex in $(rest "/jobs/$job" | jq -r '.vertices[].id'); do
        ids="$(rest "/jobs/$job/vertices/$vertex/subtasks/metrics" |
            jq -r --arg pattern "$JOB_METRICS" '[.[].id | select(test($pattern))] | join(",")')"
        [[ -n "$ids" ]] || continue
        rest "/jobs/$job/vertices/$vertex/subtasks/metrics?agg=sum&get=$ids" |
            jq -r '.[] | "  \(.id | sub("^.*?\\.(?<m>(rejected\\.)?[A-Za-z_0-9]+)$"; "\(.m)")) = \(.sum)"'
    done | sort -t= -k1,1 -u
}

show_status() {
    local job="$1"
    rest "/jobs/$job" | jq -r '"job \(.jid): \(.state), \(.name)",
        "  started \(."start-time" / 1000 | todate), running \(.duration / 1000 | floor) s",
        (.vertices[] | "  \(.status)  parallelism \(.parallelism)  \(.name)")'
    rest "/jobs/$job/checkpoints" | jq -r '"checkpoints: \(.counts.completed) completed, " +
        "\(.counts.failed) failed, \(.counts.restored) restored" +
        (if .latest.completed then "; latest \(.latest.completed.external_path)" else "" end) +
        (if .latest.restored then "; restored from \(.latest.restored.external_path)" else "" end)'
    echo "metrics (sum over subtasks):"
    job_metrics "$job"
}

main() {
    require_command curl "Debian: apt-get install curl"
    require_command jq "Debian: apt-get install jq"
    local wait=""
    if [[ "${1:-}" == --wait ]]; then
        wait=1
        shift
    fi
    if (($# > 1)) || [[ "${1:-}" == -* ]]; then
        usage
    fi
    local job
    job="$(resolve_job "${1:-}")"
    [[ -z "$wait" ]] || wait_until_running "$job"
    show_status "$job"
}

main "$@"
