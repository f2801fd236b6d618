#!/usr/bin/env bash
# What Flink's CLI does not show of a job on the local cluster: whether every task runs, its
# checkpoints, and the job's own counters summed over subtasks (JobStatusReport in the job's jar,
# through Flink's REST client, with the local cluster's lib/ and conf/ as scripts/flink has them).
#
#   scripts/job-status.sh [JOB]          state, tasks, checkpoints and the job's own counters
#   scripts/job-status.sh --wait [JOB]   first waits until every task of the job runs (after
#                                        `flink run -d`, or a failure); fails if the job ends
#
# JOB defaults to the one running job. Environment: that of scripts/flink-cluster.sh, JOB_TIMEOUT
# (seconds to wait, default 120).
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly STATE_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/flink"
readonly SCRIPT_NAME=job-status.sh

# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"
# shellcheck source=scripts/lib/versions.sh
source "$REPO_DIR/scripts/lib/versions.sh"

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    usage
fi
require_java
[[ -f "$STATE_DIR/conf/config.yaml" ]] ||
    die "no local cluster configuration in $STATE_DIR/conf; start the cluster with:" \
        "scripts/flink-cluster.sh start"
job_jar="$REPO_DIR/job/target/pensu-flink-job-$(project_version).jar"
[[ -f "$job_jar" ]] || die "$job_jar is missing; build it: mvn -pl job -am package -DskipTests"

exec env FLINK_CONF_DIR="$STATE_DIR/conf" java -Dlog.file="$STATE_DIR/log/client.log" \
    -Dlog4j.configurationFile="file:$STATE_DIR/conf/log4j.properties" \
    -cp "$job_jar:$STATE_DIR/lib/*" io.pensu.flink.job.status.JobStatusReport "$@"
