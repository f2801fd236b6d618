#!/usr/bin/env bash
# The local stack of the end-to-end tests (the e2e module): a Kafka broker and a standalone Flink
# session cluster (scripts/kafka.sh, scripts/flink-cluster.sh) on ports and a state directory of their own, so that a stack
# of yours keeps running. Maven starts it before the e2e module's tests and stops it after them; to
# run a test class from an IDE, start it first (the tests find it by the same E2E_PORT_BASE).
#
#   scripts/e2e-stack.sh start     stop any previous e2e stack, remove its state, start it anew
#   scripts/e2e-stack.sh stop      stop it; its logs stay in .local/e2e-<port base>/
#   scripts/e2e-stack.sh restart-kafka         stop the broker and start it again (the tests'
#                                              broker restart)
#   scripts/e2e-stack.sh start-taskmanager     start the TaskManager again (after the tests
#                                              killed it)
#   scripts/e2e-stack.sh add-taskmanager       one more TaskManager (the tests' growth)
#   scripts/e2e-stack.sh remove-taskmanager    stop the TaskManager added last
#   scripts/e2e-stack.sh start-graphite TOPICS carbon and the forwarder of these topics (comma-
#                                              separated), with a fresh store
#   scripts/e2e-stack.sh stop-forwarder        stop the forwarder (SIGTERM: it logs its counts)
#
# E2E_PORT_BASE (default 20000) moves every port: Kafka 29092, Flink web UI and REST 28081, ...
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly PORT_BASE="${E2E_PORT_BASE:-20000}"
export PENSU_LOCAL_DIR="$REPO_DIR/.local/e2e-$PORT_BASE"
export KAFKA_PORT=$((PORT_BASE + 9092)) KAFKA_CONTROLLER_PORT=$((PORT_BASE + 9093))
export FLINK_REST_PORT=$((PORT_BASE + 8081)) GRAPHITE_PORT=$((PORT_BASE + 2003))
# Generous start bounds: the tests restart the broker and a TaskManager on machines that may be
# busy with the build.
export KAFKA_START_TIMEOUT=180 FLINK_START_TIMEOUT=180
# Room for two jobs on one TaskManager; quick retries while the broker is away; a job that grows to
# a second TaskManager spreads its tasks over both.
export FLINK_CONF_OVERRIDES="jobmanager.rpc.port: $((PORT_BASE + 6123))
taskmanager.memory.process.size: 2g
taskmanager.numberOfTaskSlots: 4
taskmanager.load-balance.mode: slots
execution.checkpointing.min-pause: 0 ms
restart-strategy.exponential-delay.max-backoff: 5 s"

# The e2e samples are from November 2023 and whisper drops points older than a file's retention:
# one archive reaching back past the first sample (and 30 days more). 20 s is the coarsest step
# that keeps every sample on its own timestamp (1700000000 and the 60 s spacing are multiples of
# it). The files are sparse, so the long retention costs no disk.
write_storage_schemas() {
    local days=$((($(date +%s) - 1700000000) / 86400 + 30))
    printf '%s\n' '[carbon]' 'pattern = ^carbon\.' 'retentions = 60s:1d' '' \
        '[e2e]' 'pattern = .*' "retentions = 20s:${days}d"
}

# The cluster first: a job still running must not lose its broker before it stops.
stop_stack() {
    "$REPO_DIR/scripts/flink-cluster.sh" stop
    "$REPO_DIR/scripts/kafka.sh" stop
}

case "${1:-}" in
    start)
        stop_stack >/dev/null 2>&1 || true
        rm -rf "$PENSU_LOCAL_DIR"/kafka/data "$PENSU_LOCAL_DIR"/flink/{checkpoints,savepoints,log,tmp} \
            "$PENSU_LOCAL_DIR/e2e"
        "$REPO_DIR/scripts/kafka.sh" start
        "$REPO_DIR/scripts/flink-cluster.sh" start
        ;;
    stop)
        "$REPO_DIR/scripts/graphite.sh" down
        stop_stack
        ;;
    restart-kafka)
        "$REPO_DIR/scripts/kafka.sh" stop
        "$REPO_DIR/scripts/kafka.sh" start
        ;;
    start-taskmanager) "$REPO_DIR/scripts/flink-cluster.sh" start ;;
    add-taskmanager | remove-taskmanager) "$REPO_DIR/scripts/flink-cluster.sh" "$1" ;;
    start-graphite)
        "$REPO_DIR/scripts/graphite.sh" down >/dev/null 2>&1 || true
        rm -rf "$PENSU_LOCAL_DIR/graphite/storage"
        mkdir -p "$PENSU_LOCAL_DIR/graphite"
        write_storage_schemas >"$PENSU_LOCAL_DIR/graphite/e2e-storage-schemas.conf"
        GRAPHITE_STORAGE_SCHEMAS="$PENSU_LOCAL_DIR/graphite/e2e-storage-schemas.conf" \
            "$REPO_DIR/scripts/graphite.sh" up --topics "${2:?the topics to forward, comma-separated}" --group e2e-graphite
        ;;
    stop-forwarder) "$REPO_DIR/scripts/graphite.sh" forwarder-stop ;;
    *)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
