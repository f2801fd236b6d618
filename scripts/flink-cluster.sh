#!/usr/bin/env bash
# A real standalone Flink session cluster (one JobManager, N TaskManagers, web UI and REST API) from
# Maven Central jars, configured by flink-conf/, for running the job on one machine without Docker.
# Each TaskManager is a process of its own, with its own log and pid file. scripts/flink is Flink's
# command line client for this cluster.
#
#   scripts/flink-cluster.sh start     start whatever is not running (JobManager, TaskManagers 1..N)
#   scripts/flink-cluster.sh stop      stop the processes this script started
#   scripts/flink-cluster.sh status    process state and the cluster's own overview
#   scripts/flink-cluster.sh add-taskmanager      start one more TaskManager
#   scripts/flink-cluster.sh remove-taskmanager   stop the highest-numbered TaskManager
#   scripts/flink-cluster.sh logs [jobmanager|taskmanager-<i>] [-f]
#
# Environment: PENSU_LOCAL_DIR (state root, default <repo>/.local), FLINK_TASKMANAGERS (N, default
# 1), FLINK_REST_PORT (8081), FLINK_START_TIMEOUT (90 s), FLINK_CONF_OVERRIDES (newline-separated
# "key: value" lines that replace or add to flink-conf/config.yaml, e.g.
# "taskmanager.memory.process.size: 2g").
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly STATE_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/flink"
readonly LIB_DIR="$STATE_DIR/lib"
readonly CONF_DIR="$STATE_DIR/conf"
readonly LOG_DIR="$STATE_DIR/log"
readonly CHECKPOINT_DIR="$STATE_DIR/checkpoints"
readonly SAVEPOINT_DIR="$STATE_DIR/savepoints"
readonly TMP_DIR="$STATE_DIR/tmp"
readonly JARS_POM="$REPO_DIR/scripts/jars/flink/pom.xml"
readonly SOURCE_CONF="$REPO_DIR/flink-conf"

readonly REST_PORT="${FLINK_REST_PORT:-8081}"
readonly REST_URL="http://127.0.0.1:$REST_PORT"
readonly START_TIMEOUT="${FLINK_START_TIMEOUT:-90}"
readonly TASKMANAGERS="${FLINK_TASKMANAGERS:-1}"
readonly STOP_TIMEOUT=30

readonly JOBMANAGER_MAIN="org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"
readonly TASKMANAGER_MAIN="org.apache.flink.runtime.taskexecutor.TaskManagerRunner"
readonly SCRIPT_NAME=flink-cluster.sh

# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"
# shellcheck source=scripts/lib/versions.sh
source "$REPO_DIR/scripts/lib/versions.sh"

ensure_jars() {
    ensure_maven_jars Flink "$JARS_POM" "$LIB_DIR" "-Dflink.version=$(build_property flink.version)"
}

# A flat "key: value" line of a config.yaml, value only.
conf_value() {
    sed -n "s/^$1:[[:space:]]*//p" "$CONF_DIR/config.yaml" | tail -n 1
}

# flink-conf/ with local directories and the overrides; written on every start, it only derives
# from flink-conf/ and the environment.
write_conf() {
    mkdir -p "$CONF_DIR" "$LOG_DIR" "$CHECKPOINT_DIR" "$SAVEPOINT_DIR" "$TMP_DIR"
    cp "$SOURCE_CONF"/log4j*.properties "$CONF_DIR/"
    local overrides
    overrides="rest.port: $REST_PORT
execution.checkpointing.dir: file://$CHECKPOINT_DIR
execution.checkpointing.savepoint-dir: file://$SAVEPOINT_DIR
io.tmp.dirs: $TMP_DIR
${FLINK_CONF_OVERRIDES:-}"
    local config="$CONF_DIR/config.yaml" line key
    cp "$SOURCE_CONF/config.yaml" "$config"
    while IFS= read -r line; do
        [[ "$line" =~ ^([A-Za-z0-9._-]+):[[:space:]] ]] || continue
        key="${BASH_REMATCH[1]}"
        sed -i "/^${key//./\\.}:/d" "$config"
        echo "$line" >>"$config"
    done <<<"$overrides"
}

# JVM memory flags (first line) and dynamic -D properties (second line) that Flink derives from the
# configuration, as Flink's own start scripts get them.
resource_params() {
    local output
    output="$(java -cp "$LIB_DIR/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
        --configDir "$CONF_DIR" 2>&1)" || {
        echo "$output" | tail -n 20 >&2
        die "Flink rejected the memory configuration in $CONF_DIR/config.yaml"
    }
    echo "$output" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -n 2
}

pid_file() {
    echo "$STATE_DIR/$1.pid"
}

# The pid of a process of ours, checked against its command line so that a recycled pid of
# something else is never taken for it.
running_pid() {
    local file pid main
    file="$(pid_file "$1")"
    main="$(main_class "$1")"
    [[ -f "$file" ]] || return 1
    pid="$(cat "$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    # stderr first: a pid that has gone makes the input redirection itself fail.
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$main --configDir $CONF_DIR" ||
        return 1
    echo "$pid"
}

main_class() {
    case "$1" in
        jobmanager) echo "$JOBMANAGER_MAIN" ;;
        taskmanager-*) echo "$TASKMANAGER_MAIN" ;;
    esac
}

# The numbers of the TaskManagers that run, ascending.
running_taskmanagers() {
    local file role
    for file in "$STATE_DIR"/taskmanager-*.pid; do
        [[ -f "$file" ]] || continue
        role="$(basename "$file" .pid)"
        if running_pid "$role" >/dev/null; then
            echo "${role#taskmanager-}"
        fi
    done | sort -n
}

# The lowest number no running TaskManager has.
free_taskmanager_number() {
    local number=1
    while running_pid "taskmanager-$number" >/dev/null; do
        number=$((number + 1))
    done
    echo "$number"
}

rest() {
    curl -sf --max-time 5 "$REST_URL$1"
}

# Starts one process in the background, detached from this shell and its terminal.
launch() {
    local role="$1"
    shift
    local file params jvm_flags dynamic_properties java_opts
    file="$(pid_file "$role")"
    params="$(resource_params "$1")"
    shift
    jvm_flags="$(sed -n 1p <<<"$params")"
    dynamic_properties="$(sed -n 2p <<<"$params")"
    java_opts="$(conf_value env.java.opts.all) $(conf_value "env.java.opts.${role%%-*}")"
    # shellcheck disable=SC2086 # the flag strings hold several flags each
    start_detached "$file" "$LOG_DIR/$role.out" \
        java $jvm_flags $java_opts -Djava.awt.headless=true \
        -Dlog.file="$LOG_DIR/$role.log" \
        -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
        -cp "$LIB_DIR/*" "$(main_class "$role")" --configDir "$CONF_DIR" \
        $dynamic_properties "$@"
    cat "$file"
}

# Waits until the check succeeds, failing early when the process dies.
wait_for() {
    local role="$1" pid="$2" check="$3" deadline=$((SECONDS + START_TIMEOUT))
    until "$check"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$(pid_file "$role")"
            tail -n 20 "$LOG_DIR/$role.log" "$LOG_DIR/$role.out" >&2 2>/dev/null || true
            die "the $role exited during start-up; see $LOG_DIR/$role.log"
        fi
        ((SECONDS < deadline)) ||
            die "the $role (pid $pid) was not ready within ${START_TIMEOUT}s; see" \
                "$LOG_DIR/$role.log; stop it with: $0 stop"
        sleep 1
    done
}

rest_answers() {
    rest /overview >/dev/null
}

taskmanager_registered() {
    rest /taskmanagers | jq -e --arg id "$TASKMANAGER_ID" \
        'any(.taskmanagers[]; .id == $id)' >/dev/null
}

start_jobmanager() {
    local pid
    if pid="$(running_pid jobmanager)"; then
        echo "JobManager is already running (pid $pid)."
        return
    fi
    local rpc_port
    rpc_port="$(conf_value jobmanager.rpc.port)"
    for port in "$REST_PORT" "${rpc_port:-6123}"; do
        port_in_use "$port" && die "port $port is taken by another process; set FLINK_REST_PORT" \
            "(REST) or FLINK_CONF_OVERRIDES='jobmanager.rpc.port: <port>', or stop that process"
    done
    local started=$SECONDS
    pid="$(launch jobmanager GET_JM_RESOURCE_PARAMS)"
    wait_for jobmanager "$pid" rest_answers
    echo "JobManager is running (pid $pid, ready in $((SECONDS - started))s)."
}

# Starts those of the numbered TaskManagers that do not run, all at once, and waits until each has
# registered.
#   start_taskmanagers <number>...
start_taskmanagers() {
    local number role pid started=$SECONDS launched=()
    for number in "$@"; do
        role="taskmanager-$number"
        if pid="$(running_pid "$role")"; then
            echo "TaskManager $number is already running (pid $pid)."
            continue
        fi
        # A fresh id per start, so that readiness means this process registered, not one that died
        # and that the JobManager has not yet noticed.
        TASKMANAGER_ID="pensu-taskmanager-$number-$(date +%s%N)"
        pid="$(launch "$role" GET_TM_RESOURCE_PARAMS -D "taskmanager.resource-id=$TASKMANAGER_ID")"
        launched+=("$number $pid $TASKMANAGER_ID")
    done
    local entry
    for entry in "${launched[@]}"; do
        read -r number pid TASKMANAGER_ID <<<"$entry"
        wait_for "taskmanager-$number" "$pid" taskmanager_registered
        echo "TaskManager $number ($TASKMANAGER_ID) is running (pid $pid, ready in" \
            "$((SECONDS - started))s)."
    done
}

cmd_start() {
    [[ "$TASKMANAGERS" =~ ^[1-9][0-9]*$ ]] ||
        die "FLINK_TASKMANAGERS must be a number of TaskManagers >= 1, got '$TASKMANAGERS'"
    require_java
    require_command curl "install curl (Debian: apt-get install curl)"
    require_command jq "install jq (Debian: apt-get install jq)"
    ensure_jars
    if ! running_pid jobmanager >/dev/null && [[ -z "$(running_taskmanagers)" ]]; then
        # What a killed process left behind (RocksDB working copies, blob caches) is garbage now.
        rm -rf "$TMP_DIR"
        write_conf
    fi
    start_jobmanager
    # shellcheck disable=SC2046 # one number a word
    start_taskmanagers $(seq "$TASKMANAGERS")
    echo "Flink session cluster:"
    echo "  web UI and REST API: $REST_URL"
    echo "  client:      $(dirname "$0")/flink <run|list|savepoint|stop|cancel ...>"
    echo "  logs:        $LOG_DIR/{jobmanager,taskmanager-<i>}.log"
    echo "  config:      $CONF_DIR/config.yaml"
    echo "  checkpoints: $CHECKPOINT_DIR"
    echo "  savepoints:  $SAVEPOINT_DIR"
}

stop_process() {
    local role="$1" pid
    if ! pid="$(running_pid "$role")"; then
        rm -f "$(pid_file "$role")"
        echo "$role is not running."
        return
    fi
    stop_pid "the $role" "$pid" "$STOP_TIMEOUT"
    rm -f "$(pid_file "$role")"
}

cmd_add_taskmanager() {
    running_pid jobmanager >/dev/null || die "the JobManager is not running; start the cluster first"
    start_taskmanagers "$(free_taskmanager_number)"
}

cmd_remove_taskmanager() {
    local number
    number="$(running_taskmanagers | tail -n 1)"
    [[ -n "$number" ]] || die "no TaskManager is running"
    stop_process "taskmanager-$number"
}

cmd_stop() {
    local number
    for number in $(running_taskmanagers); do
        stop_process "taskmanager-$number"
    done
    stop_process jobmanager
    echo "Flink cluster stopped."
}

# Succeeds when the JobManager and TaskManagers 1..N run.
cmd_status() {
    local role pid missing=0 number
    if pid="$(running_pid jobmanager)"; then
        echo "jobmanager: running (pid $pid), log $LOG_DIR/jobmanager.log"
    else
        echo "jobmanager: not running"
        missing=1
    fi
    for ((number = 1; number <= TASKMANAGERS; number++)); do
        running_pid "taskmanager-$number" >/dev/null || {
            echo "taskmanager-$number: not running"
            missing=1
        }
    done
    for number in $(running_taskmanagers); do
        role="taskmanager-$number"
        echo "$role: running (pid $(running_pid "$role")), log $LOG_DIR/$role.log"
    done
    local overview
    if overview="$(rest /overview)"; then
        jq -r --arg url "$REST_URL" '"cluster at \($url): \(.taskmanagers) TaskManager(s), " +
            "\(."slots-available")/\(."slots-total") slots free, jobs running \(."jobs-running"), " +
            "finished \(."jobs-finished"), cancelled \(."jobs-cancelled"), failed \(."jobs-failed")"' \
            <<<"$overview"
    else
        echo "no Flink REST API answers at $REST_URL"
    fi
    ((missing == 0)) || return 3
}

cmd_logs() {
    local role=jobmanager follow=""
    for arg in "$@"; do
        case "$arg" in
            jobmanager | taskmanager-[1-9]*) role="$arg" ;;
            -f) follow=-f ;;
            *) usage ;;
        esac
    done
    local file="$LOG_DIR/$role.log"
    [[ -f "$file" ]] || die "no $role log yet at $file"
    show_log "$file" "$follow"
}

main() {
    (($# > 0)) || usage
    local command="$1"
    shift
    case "$command" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        add-taskmanager) cmd_add_taskmanager ;;
        remove-taskmanager) cmd_remove_taskmanager ;;
        logs) cmd_logs "$@" ;;
        -h | --help | help) usage ;;
        *)
            echo "flink-cluster.sh: unknown command '$command'" >&2
            usage
            ;;
    esac
}

main "$@"
