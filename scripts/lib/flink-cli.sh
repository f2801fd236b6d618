# shellcheck shell=bash
# The two Flink CLI calls whose results the scripts go on with (scripts/flink, Flink's own client):
# submitting a job, and stopping one with a savepoint. Shared by demo.sh and the benchmarks. The
# sourcing script sets REPO_DIR; the environment is flink-cluster.sh's.

# Runs `flink run -d` with the arguments (options, jar, job arguments) and waits until every task of
# the job runs; prints the job id.
#   run_job [flink run options] <jar> [job arguments]...
run_job() {
    local job
    job="$(flink_result "Job has been submitted with JobID " run -d "$@")" || return 1
    "$REPO_DIR/scripts/job-status.sh" --wait "$job" >/dev/null || return 1
    echo "$job"
}

# Stops the job with a savepoint in the cluster's savepoint directory; prints its path.
#   stop_job_with_savepoint <job id>
stop_job_with_savepoint() {
    flink_result "Savepoint completed. Path: " stop --savepointPath \
        "${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/flink/savepoints" "$1"
}

# Runs the client; prints what follows the prefix on the line of its output that starts with it.
#   flink_result <prefix> <flink argument>...
flink_result() {
    local prefix="$1" output line
    shift
    output="$("$REPO_DIR/scripts/flink" "$@")" || {
        echo "$output" >&2
        return 1
    }
    while IFS= read -r line; do
        if [[ "$line" == "$prefix"* ]]; then
            echo "${line#"$prefix"}"
            return
        fi
    done <<<"$output"
    echo "flink $1: no line '$prefix...' in its output: $output" >&2
    return 1
}
