#!/usr/bin/env bash
# The local stack the job runs on: a Kafka broker (scripts/kafka.sh) and a standalone Flink session
# cluster (scripts/flink-cluster.sh). Each keeps its own state, logs and pid files under .local/.
#
#   scripts/stack.sh start | stop | status
#
# The environment of both scripts applies (PENSU_LOCAL_DIR, KAFKA_PORT, FLINK_REST_PORT, ...).
set -euo pipefail
shopt -s inherit_errexit

SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPTS_DIR

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

cmd_status() {
    local failed=0
    "$SCRIPTS_DIR/kafka.sh" status || failed=1
    "$SCRIPTS_DIR/flink-cluster.sh" status || failed=1
    return $((failed * 3))
}

(($# == 1)) || usage
case "$1" in
    start)
        "$SCRIPTS_DIR/kafka.sh" start
        "$SCRIPTS_DIR/flink-cluster.sh" start
        ;;
    # The cluster first: a job still running must not lose its broker before it stops.
    stop)
        "$SCRIPTS_DIR/flink-cluster.sh" stop
        "$SCRIPTS_DIR/kafka.sh" stop
        ;;
    status) cmd_status ;;
    *) usage ;;
esac
