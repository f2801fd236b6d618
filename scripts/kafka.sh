#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft, broker and controller in one JVM) from Maven Central jars,
# for running and trying the job on one machine without Docker.
#
#   scripts/kafka.sh start | stop | status | logs [-f]
#   scripts/kafka.sh topics
#   scripts/kafka.sh create-topics <topic>...
#   scripts/kafka.sh produce <topic>                  (one record per stdin line)
#   scripts/kafka.sh consume <topic> [max-messages]   (key TAB value, from the beginning)
#
# Environment: PENSU_LOCAL_DIR (state root, default <repo>/.local), KAFKA_PORT (9092),
# KAFKA_CONTROLLER_PORT (9093), KAFKA_PARTITIONS (2), KAFKA_HEAP_OPTS, KAFKA_START_TIMEOUT (60 s),
# KAFKA_KEY_SEPARATOR (produce: split each line into key and value at this string),
# KAFKA_CONSUME_TIMEOUT_MS (consume: give up after this long without a message),
# KAFKA_TOPIC_CONFIGS (create-topics: space-separated key=value topic configurations).
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly STATE_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/kafka"
readonly LIBS_DIR="$STATE_DIR/libs"
readonly DATA_DIR="$STATE_DIR/data"
readonly LOG_DIR="$STATE_DIR/logs"
readonly LOG_FILE="$LOG_DIR/server.log"
readonly STDOUT_FILE="$LOG_DIR/stdout.log"
readonly PROBE_LOG="$LOG_DIR/readiness-probe.log"
readonly PID_FILE="$STATE_DIR/kafka.pid"
readonly SERVER_PROPERTIES="$STATE_DIR/server.properties"
readonly BROKER_LOG4J="$STATE_DIR/log4j2-broker.properties"
readonly TOOLS_LOG4J="$STATE_DIR/log4j2-tools.properties"
readonly JARS_POM="$REPO_DIR/scripts/jars/kafka/pom.xml"

readonly KAFKA_PORT="${KAFKA_PORT:-9092}"
readonly CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
readonly KAFKA_PARTITIONS="${KAFKA_PARTITIONS:-2}"
readonly KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
readonly START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
readonly STOP_TIMEOUT=30
readonly BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
readonly BROKER_MAIN="kafka.Kafka"
readonly SCRIPT_NAME=kafka.sh

# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"
# shellcheck source=scripts/lib/versions.sh
source "$REPO_DIR/scripts/lib/versions.sh"

ensure_jars() {
    ensure_maven_jars Kafka "$JARS_POM" "$LIBS_DIR" "-Dkafka.version=$(build_property kafka.version)"
}

# Runs a Kafka command line tool; its own log output goes to stderr at WARN.
run_tool() {
    ensure_jars
    write_tools_log4j
    require_java
    java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -Dlog4j2.configurationFile="$TOOLS_LOG4J" -cp "$LIBS_DIR/*" "$@"
}

write_tools_log4j() {
    mkdir -p "$STATE_DIR"
    cat >"$TOOLS_LOG4J" <<'EOF'
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
appender.stderr.name = STDERR
appender.stderr.type = Console
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{ISO8601} %p %c{1} - %m%n
EOF
}

write_broker_log4j() {
    cat >"$BROKER_LOG4J" <<EOF
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = SERVER_LOG
appender.file.name = SERVER_LOG
appender.file.type = RollingFile
appender.file.fileName = $LOG_FILE
appender.file.filePattern = $LOG_FILE.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d{ISO8601}] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
# Per-request and per-partition chatter that would drown everything else.
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.log_cleaner.name = kafka.log.LogCleaner
logger.log_cleaner.level = WARN
logger.unified_log.name = org.apache.kafka.storage.internals.log
logger.unified_log.level = WARN
EOF
}

# Written on every start (it only derives from the environment); the data stays in $DATA_DIR.
write_server_properties() {
    cat >"$SERVER_PROPERTIES" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=$KAFKA_PARTITIONS
offsets.topic.replication.factor=1
offsets.topic.num.partitions=$KAFKA_PARTITIONS
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=$KAFKA_PARTITIONS
min.insync.replicas=1
default.replication.factor=1
group.initial.rebalance.delay.ms=0
# Kafka's default, stated because the job's exactly-once sink keeps a transaction open from one
# checkpoint to the next and its transaction.timeout.ms must not exceed this.
transaction.max.timeout.ms=900000
auto.create.topics.enable=false
EOF
}

running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    # The pid must still be our broker, not a recycled pid of something else.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$BROKER_MAIN $SERVER_PROPERTIES" || return 1
    echo "$pid"
}

format_storage_once() {
    [[ -f "$DATA_DIR/meta.properties" ]] && return
    local cluster_id
    cluster_id="$(run_tool kafka.tools.StorageTool random-uuid)"
    echo "Formatting $DATA_DIR (cluster id $cluster_id) ..."
    run_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$SERVER_PROPERTIES" >/dev/null
}

# Short admin timeouts, so that one probe cannot hang for the client's default minute.
broker_answers() {
    local probe_config="$STATE_DIR/readiness-probe.properties"
    printf '%s\n' request.timeout.ms=5000 default.api.timeout.ms=5000 >"$probe_config"
    run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list \
        --command-config "$probe_config" >"$PROBE_LOG" 2>&1
}

# The broker log is appended to across starts; only the lines after first_log_line are this start's.
wait_until_ready() {
    local pid="$1" first_log_line="$2" deadline=$((SECONDS + START_TIMEOUT))
    rm -f "$PROBE_LOG"
    until port_in_use "$KAFKA_PORT" && broker_answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            tail -n "+$first_log_line" "$LOG_FILE" 2>/dev/null | tail -n 20 >&2
            tail -n 20 "$STDOUT_FILE" >&2
            die "the broker exited during start-up; see $LOG_FILE and $STDOUT_FILE"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 5 "$PROBE_LOG" >&2 2>/dev/null || true
            die "the broker (pid $pid) did not answer on $BOOTSTRAP within ${START_TIMEOUT}s;" \
                "see $LOG_FILE and $PROBE_LOG; stop it with: $0 stop"
        fi
        sleep 1
    done
}

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        echo "Kafka is already running (pid $pid) on $BOOTSTRAP."
        return
    fi
    rm -f "$PID_FILE"
    for port in "$KAFKA_PORT" "$CONTROLLER_PORT"; do
        port_in_use "$port" && die "port $port is taken by another process; set KAFKA_PORT /" \
            "KAFKA_CONTROLLER_PORT or stop that process"
    done
    require_java
    ensure_jars
    mkdir -p "$DATA_DIR" "$LOG_DIR"
    write_server_properties
    write_broker_log4j
    format_storage_once

    local started=$SECONDS first_log_line=1
    if [[ -f "$LOG_FILE" ]]; then
        first_log_line=$(($(wc -l <"$LOG_FILE") + 1))
    fi
    # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several JVM flags
    start_detached "$PID_FILE" "$STDOUT_FILE" \
        java $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$BROKER_LOG4J" \
        -cp "$LIBS_DIR/*" "$BROKER_MAIN" "$SERVER_PROPERTIES"
    pid="$(cat "$PID_FILE")"
    wait_until_ready "$pid" "$first_log_line"
    echo "Kafka is running (pid $pid, ready in $((SECONDS - started))s) on $BOOTSTRAP."
    echo "  data:   $DATA_DIR"
    echo "  log:    $LOG_FILE"
    echo "  config: $SERVER_PROPERTIES"
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        echo "Kafka is not running (no live broker from $PID_FILE)."
        return
    fi
    stop_pid Kafka "$pid" "$STOP_TIMEOUT"
    rm -f "$PID_FILE"
    echo "Kafka stopped."
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        echo "Kafka is running (pid $pid) on $BOOTSTRAP; data in $DATA_DIR, log $LOG_FILE."
    else
        echo "Kafka is not running."
        return 3
    fi
}

cmd_topics() {
    run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list
}

cmd_create_topics() {
    (($# > 0)) || usage
    local topic config config_args=()
    for config in ${KAFKA_TOPIC_CONFIGS:-}; do
        config_args+=(--config "$config")
    done
    for topic in "$@"; do
        run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create \
            --if-not-exists --topic "$topic" --partitions "$KAFKA_PARTITIONS" \
            --replication-factor 1 "${config_args[@]}"
    done
}

cmd_produce() {
    (($# == 1)) || usage
    local key_args=()
    if [[ -n "${KAFKA_KEY_SEPARATOR:-}" ]]; then
        key_args=(--reader-property parse.key=true
            --reader-property "key.separator=$KAFKA_KEY_SEPARATOR")
    fi
    run_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" \
        --topic "$1" --command-property acks=all "${key_args[@]}"
}

cmd_consume() {
    (($# == 1 || $# == 2)) || usage
    local limit_args=()
    if (($# == 2)); then
        limit_args+=(--max-messages "$2")
    fi
    if [[ -n "${KAFKA_CONSUME_TIMEOUT_MS:-}" ]]; then
        limit_args+=(--timeout-ms "$KAFKA_CONSUME_TIMEOUT_MS")
    fi
    run_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
        --topic "$1" --from-beginning --isolation-level read_committed \
        --formatter-property print.key=true "${limit_args[@]}"
}

cmd_logs() {
    [[ -f "$LOG_FILE" ]] || die "no broker log yet at $LOG_FILE"
    show_log "$LOG_FILE" "$@"
}

main() {
    (($# > 0)) || usage
    local command="$1"
    shift
    case "$command" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        topics) cmd_topics ;;
        create-topics) cmd_create_topics "$@" ;;
        produce) cmd_produce "$@" ;;
        consume) cmd_consume "$@" ;;
        logs) cmd_logs "$@" ;;
        -h | --help | help) usage ;;
        *)
            echo "kafka.sh: unknown command '$command'" >&2
            usage
            ;;
    esac
}

main "$@"
