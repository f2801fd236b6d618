#!/usr/bin/env bash
# Graphite on one machine: Debian's carbon-cache (package graphite-carbon) storing whisper files
# under the state directory, and the forwarder that feeds it the Graphite lines of Kafka topics
# (the job's outputs and its input), as Pensu's demo did with logstash.
#
#   scripts/graphite.sh start | stop | status | logs [-f]      carbon-cache alone
#   scripts/graphite.sh forwarder-start [FLAGS] | forwarder-stop | forwarder-logs [-f]
#   scripts/graphite.sh up [FLAGS]     carbon-cache and the forwarder (what the demo calls)
#   scripts/graphite.sh down           both
#
# FLAGS go to the forwarder (io.pensu.flink.graphite.GraphiteForwarder), e.g.
#   --topics metrics,pensu_anomalies,pensu.htm.predictions  (default)  --group NAME
#   --bootstrap-servers HOST:PORT (default 127.0.0.1:$KAFKA_PORT)  --graphite HOST:PORT (this carbon)
# scripts/graphite-report.sh then charts what carbon stored.
#
# Environment: PENSU_LOCAL_DIR (state root, default <repo>/.local), GRAPHITE_PORT (carbon's
# plaintext port, 2003), KAFKA_PORT (9092), GRAPHITE_STORAGE_SCHEMAS (a storage-schemas.conf to
# use instead of the default one; applies to series created afterwards), GRAPHITE_START_TIMEOUT
# (30 s). Needs carbon-cache (Debian: apt-get install graphite-carbon), java and the built jar
# graphite/target/pensu-flink-graphite-*.jar (mvn -B -ntp -DskipTests package).
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly STATE_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/graphite"
readonly CONF_DIR="$STATE_DIR/conf"
readonly STORAGE_DIR="$STATE_DIR/storage"
readonly WHISPER_DIR="$STORAGE_DIR/whisper"
readonly LOG_DIR="$STATE_DIR/log"
readonly CARBON_CONF="$CONF_DIR/carbon.conf"
readonly CARBON_PID_FILE="$STATE_DIR/carbon.pid"
readonly CARBON_STDOUT="$LOG_DIR/carbon-stdout.log"
readonly FORWARDER_PID_FILE="$STATE_DIR/forwarder.pid"
readonly FORWARDER_LOG="$LOG_DIR/forwarder.log"

readonly GRAPHITE_PORT="${GRAPHITE_PORT:-2003}"
readonly KAFKA_BOOTSTRAP="127.0.0.1:${KAFKA_PORT:-9092}"
readonly START_TIMEOUT="${GRAPHITE_START_TIMEOUT:-30}"
readonly STOP_TIMEOUT=20
readonly FORWARDER_MAIN="io.pensu.flink.graphite.GraphiteForwarder"
readonly SCRIPT_NAME=graphite.sh

# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"

# Host metrics arrive every second, and the NAB replay every 5 minutes (shifted to recent
# timestamps, possibly days back): 1 s points for a day, then 1 minute points for 30 days
# (a 5-minute point older than a day lands, whole, in its minute). Sparse files: a series costs
# disk only for what it holds.
write_default_schemas() {
    cat <<'EOF'
[carbon]
pattern = ^carbon\.
retentions = 60s:1d

[pensu]
pattern = .*
retentions = 1s:1d,1m:30d
EOF
}

# xFilesFactor 0: a minute with one 5-minute point is that point, not "unknown". The highest
# likelihood or score of a minute is the one that matters, so those keep the maximum.
write_aggregation() {
    cat <<'EOF'
[likelihood_and_score]
pattern = \.anomaly_(likelihood|score)\.
xFilesFactor = 0
aggregationMethod = max

[default]
pattern = .*
xFilesFactor = 0
aggregationMethod = average
EOF
}

# Written on every start: it only derives from the environment; the data stays in $WHISPER_DIR.
write_conf() {
    mkdir -p "$CONF_DIR" "$WHISPER_DIR" "$LOG_DIR"
    if [[ -n "${GRAPHITE_STORAGE_SCHEMAS:-}" ]]; then
        [[ -f "$GRAPHITE_STORAGE_SCHEMAS" ]] || die "GRAPHITE_STORAGE_SCHEMAS: no file $GRAPHITE_STORAGE_SCHEMAS"
        cp "$GRAPHITE_STORAGE_SCHEMAS" "$CONF_DIR/storage-schemas.conf"
    else
        write_default_schemas >"$CONF_DIR/storage-schemas.conf"
    fi
    write_aggregation >"$CONF_DIR/storage-aggregation.conf"
    # USER empty: run as whoever starts it (Debian's default drops to _graphite).
    # Port 0: the pickle and cache-query listeners, which nothing here uses, take a free port, so
    # that two carbons on one machine only need two plaintext ports.
    cat >"$CARBON_CONF" <<EOF
[cache]
STORAGE_DIR = $STORAGE_DIR/
LOCAL_DATA_DIR = $WHISPER_DIR/
WHITELISTS_DIR = $STORAGE_DIR/lists/
CONF_DIR = $CONF_DIR/
LOG_DIR = $LOG_DIR/
PID_DIR = $STATE_DIR/
USER =
DATABASE = whisper
ENABLE_LOGROTATION = False
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = 2000
MAX_CREATES_PER_MINUTE = 6000
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = $GRAPHITE_PORT
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = 0
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = 0
USE_FLOW_CONTROL = True
LOG_UPDATES = False
LOG_CREATES = False
LOG_LISTENER_CONN_SUCCESS = False
CACHE_WRITE_STRATEGY = sorted
WHISPER_AUTOFLUSH = False
WHISPER_SPARSE_CREATE = True
WHISPER_FALLOCATE_CREATE = False
EOF
}

# The pid must still be our carbon-cache (or forwarder), not a recycled pid of something else.
#   running_pid <pid file> <text its command line contains>
running_pid() {
    [[ -f "$1" ]] || return 1
    local pid
    pid="$(cat "$1")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 1
    echo "$pid"
}

carbon_pid() {
    running_pid "$CARBON_PID_FILE" "--config=$CARBON_CONF"
}

forwarder_pid() {
    running_pid "$FORWARDER_PID_FILE" "$FORWARDER_MAIN"
}

# Waits until the check command succeeds, while the process lives.
#   wait_for_start <name> <pid> <pid file> <log> <check command>...
wait_for_start() {
    local name="$1" pid="$2" pid_file="$3" log="$4" deadline=$((SECONDS + START_TIMEOUT))
    shift 4
    until "$@"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$pid_file"
            tail -n 20 "$log" >&2
            die "$name exited during start-up; see $log"
        fi
        ((SECONDS < deadline)) || die "$name (pid $pid) did not start within ${START_TIMEOUT}s;" \
            "see $log; stop it with: $0 down"
        sleep 0.2
    done
}

cmd_start() {
    local pid
    if pid="$(carbon_pid)"; then
        echo "carbon-cache is already running (pid $pid) on 127.0.0.1:$GRAPHITE_PORT."
        return
    fi
    require_command carbon-cache "install Graphite's carbon (Debian: apt-get install graphite-carbon)"
    port_in_use "$GRAPHITE_PORT" && die "port $GRAPHITE_PORT is taken by another process; set" \
        "GRAPHITE_PORT or stop that process"
    write_conf
    local started=$SECONDS
    # --nodaemon: the process stays ours (start_detached records its pid); carbon's own pid file
    # goes next to ours, so that it never meets a system carbon's.
    start_detached "$CARBON_PID_FILE" "$CARBON_STDOUT" carbon-cache --config="$CARBON_CONF" \
        --nodaemon --pidfile="$STATE_DIR/carbon-cache-a.pid" --logdir="$LOG_DIR" start
    pid="$(cat "$CARBON_PID_FILE")"
    wait_for_start carbon-cache "$pid" "$CARBON_PID_FILE" "$CARBON_STDOUT" \
        port_in_use "$GRAPHITE_PORT"
    echo "carbon-cache is running (pid $pid, ready in $((SECONDS - started))s) on 127.0.0.1:$GRAPHITE_PORT."
    echo "  whisper files: $WHISPER_DIR"
    echo "  logs:          $LOG_DIR"
    echo "  config:        $CONF_DIR"
}

cmd_stop() {
    local pid
    if pid="$(carbon_pid)"; then
        stop_pid carbon-cache "$pid" "$STOP_TIMEOUT"
        echo "carbon-cache stopped."
    else
        echo "carbon-cache is not running (no live carbon-cache from $CARBON_PID_FILE)."
    fi
    rm -f "$CARBON_PID_FILE"
}

cmd_status() {
    local pid rc=0
    if pid="$(carbon_pid)"; then
        echo "carbon-cache is running (pid $pid) on 127.0.0.1:$GRAPHITE_PORT; whisper files in $WHISPER_DIR."
    else
        echo "carbon-cache is not running."
        rc=3
    fi
    if pid="$(forwarder_pid)"; then
        echo "The forwarder is running (pid $pid); log $FORWARDER_LOG."
    else
        echo "The forwarder is not running."
    fi
    return "$rc"
}

forwarder_jar() {
    local jars=("$REPO_DIR"/graphite/target/pensu-flink-graphite-*[0-9T].jar)
    [[ -f "${jars[0]}" ]] || die "no forwarder jar in $REPO_DIR/graphite/target; build it with:" \
        "mvn -B -ntp -DskipTests package"
    echo "${jars[0]}"
}

cmd_forwarder_start() {
    local pid
    if pid="$(forwarder_pid)"; then
        echo "The forwarder is already running (pid $pid); log $FORWARDER_LOG."
        return
    fi
    require_java
    local jar
    jar="$(forwarder_jar)"
    mkdir -p "$LOG_DIR"
    # The defaults first: later flags win, so the caller's flags replace them.
    start_detached "$FORWARDER_PID_FILE" "$FORWARDER_LOG" \
        java -Xmx256m -XX:+UseSerialGC -cp "$jar" "$FORWARDER_MAIN" \
        --bootstrap-servers "$KAFKA_BOOTSTRAP" --graphite "127.0.0.1:$GRAPHITE_PORT" "$@"
    pid="$(cat "$FORWARDER_PID_FILE")"
    wait_for_start "the forwarder" "$pid" "$FORWARDER_PID_FILE" "$FORWARDER_LOG" \
        grep -q "Forwarding " "$FORWARDER_LOG"
    echo "The forwarder is running (pid $pid): $(sed -n 's/.*Forwarding //p' "$FORWARDER_LOG" | head -n 1)"
    echo "  log: $FORWARDER_LOG"
}

cmd_forwarder_stop() {
    local pid
    if pid="$(forwarder_pid)"; then
        stop_pid "the forwarder" "$pid" "$STOP_TIMEOUT"
        echo "The forwarder stopped."
    else
        echo "The forwarder is not running (no live forwarder from $FORWARDER_PID_FILE)."
    fi
    rm -f "$FORWARDER_PID_FILE"
}

main() {
    (($# > 0)) || usage
    local command="$1"
    shift
    case "$command" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        logs) show_log "$CARBON_STDOUT" "$@" ;;
        forwarder-start) cmd_forwarder_start "$@" ;;
        forwarder-stop) cmd_forwarder_stop ;;
        forwarder-logs) show_log "$FORWARDER_LOG" "$@" ;;
        up)
            cmd_start
            cmd_forwarder_start "$@"
            ;;
        down)
            cmd_forwarder_stop
            cmd_stop
            ;;
        -h | --help | help) usage ;;
        *)
            echo "graphite.sh: unknown command '$command'" >&2
            usage
            ;;
    esac
}

main "$@"
