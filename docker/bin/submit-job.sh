#!/usr/bin/env bash
# Submits the Pensu job to the JobManager once it answers, unless a Pensu job already runs (so that
# `docker compose up` again does not start a second one). Runs through flink-entrypoint.sh, whose
# configuration points the CLI at the JobManager. `flink run` executes the job's main() in this
# container: the PENSU_* environment of this container configures the job.
#
#   submit-job.sh JAR [ARGS...]      ARGS are program arguments, e.g. --PENSU_PREDICTION_STEPS 3
set -euo pipefail

readonly JOB_NAME_PREFIX="Pensu HTM anomaly detection"
readonly WAIT_SECONDS=120

jar="$1"
shift

waited=0
until flink list >/dev/null 2>&1; do
    if ((waited >= WAIT_SECONDS)); then
        echo "The JobManager did not answer within ${WAIT_SECONDS}s." >&2
        exit 1
    fi
    echo "Waiting for the JobManager ..."
    sleep 3
    waited=$((waited + 3))
done

if flink list --running 2>/dev/null | grep -q "$JOB_NAME_PREFIX"; then
    echo "A Pensu job is already running; not submitting another:"
    flink list --running
    exit 0
fi

echo "Submitting $jar $*"
exec flink run -d "$jar" "$@"
