#!/usr/bin/env bash
# Writes demo metrics as Graphite carbon lines to the job's input topic, one sample per metric every
# second, until stopped (Ctrl-C, SIGTERM):
#   demo.<host>.load.1min         this machine's 1-minute load average (/proc/loadavg)
#   demo.<host>.memory.used_kib   this machine's used memory, MemTotal - MemAvailable (/proc/meminfo)
#   demo.synthetic.sine           a wave between 10 and 90 with a period of 30 s, and a spike to 200
#                                 every 2 minutes, the first 90 s after the start: after the job
#                                 has learned the wave's range from the first samples
#
#   scripts/demo-feed.sh [--stdout] [topic]
#
# topic: default $PENSU_METRICS_KAFKA_TOPIC, else metrics; created if missing. Needs the local broker
# (scripts/kafka.sh start). All lines go through one long-running Kafka console producer, keyed by
# metric name: each metric's samples stay in order in one partition.
# --stdout: print the lines instead of sending them.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly KAFKA="$REPO_DIR/scripts/kafka.sh"
readonly SINE_PERIOD=30
readonly FIRST_SPIKE_AFTER=90
readonly SPIKE_EVERY=120
readonly SPIKE_VALUE=200

die() {
    echo "demo-feed.sh: $*" >&2
    exit 1
}

# The header comment; exit status $1.
usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit "$1"
}

# A metric name component: the short host name, without characters that mean something in Graphite.
host_component() {
    local host="${HOSTNAME:-$(uname -n)}"
    host="${host%%.*}"
    echo "${host//[^A-Za-z0-9_-]/_}"
}

# One period of the wave, computed once: bash has no floating point.
sine_table() {
    awk -v period="$SINE_PERIOD" \
        'BEGIN { for (i = 0; i < period; i++) printf "%.3f\n", 50 + 40 * sin(2 * 3.14159265358979 * i / period) }'
}

# One carbon line, after its key and a tab when it goes to Kafka.
print_sample() {
    local metric="$1" value="$2" now="$3"
    if "$KEYED"; then
        printf '%s\t' "$metric"
    fi
    echo "$metric $value $now"
}

# The host metrics are left out where /proc is missing (not Linux).
print_samples() {
    local now="$1" host="$2" spike="$3" load _ name value total=0 available=0
    if [[ -r /proc/loadavg ]]; then
        read -r load _ </proc/loadavg
        print_sample "demo.$host.load.1min" "$load" "$now"
    fi
    if [[ -r /proc/meminfo ]]; then
        while read -r name value _; do
            case "$name" in
                MemTotal:) total="$value" ;;
                MemAvailable:) available="$value" ;;
            esac
        done </proc/meminfo
        print_sample "demo.$host.memory.used_kib" "$((total - available))" "$now"
    fi
    if "$spike"; then
        print_sample demo.synthetic.sine "$SPIKE_VALUE" "$now"
    else
        print_sample demo.synthetic.sine "${SINE[now % SINE_PERIOD]}" "$now"
    fi
}

# Microseconds since the epoch, whatever the locale's decimal separator.
epoch_micros() {
    echo "${EPOCHREALTIME//[!0-9]/}"
}

# To the start of the next second, so that every second gets exactly one sample of each metric.
sleep_to_next_second() {
    local rest=$((1000000 - $1 % 1000000))
    sleep "$((rest / 1000000)).$(printf '%06d' $((rest % 1000000)))"
}

# Closing the producer's stdin makes it send what it holds and exit.
stop_producer() {
    exec 3>&-
    wait "$PRODUCER_PID" || true
    exit 0
}

main() {
    local to_stdout=false topic
    while (($# > 0)); do
        case "$1" in
            --stdout) to_stdout=true ;;
            -h | --help) usage 0 ;;
            -*) die "unknown option '$1' (see --help)" ;;
            *) break ;;
        esac
        shift
    done
    (($# <= 1)) || usage 2 >&2
    topic="${1:-${PENSU_METRICS_KAFKA_TOPIC:-metrics}}"

    local host
    host="$(host_component)"
    mapfile -t SINE < <(sine_table)

    PRODUCER_PID=""
    KEYED=false
    if "$to_stdout"; then
        exec 3>&1
    else
        KEYED=true
        "$KAFKA" status >/dev/null || die "Kafka is not running; start it with scripts/kafka.sh start"
        "$KAFKA" create-topics "$topic"
        exec 3> >(KAFKA_KEY_SEPARATOR=$'\t' exec "$KAFKA" produce "$topic" >/dev/null)
        PRODUCER_PID=$!
        trap stop_producer INT TERM
        echo "Writing demo.$host.load.1min, demo.$host.memory.used_kib and demo.synthetic.sine" \
            "to topic '$topic' every second; stop with Ctrl-C."
    fi

    local micros now next_spike spike
    micros="$(epoch_micros)"
    next_spike=$((micros / 1000000 + FIRST_SPIKE_AFTER))
    while true; do
        if [[ -n "$PRODUCER_PID" ]] && ! kill -0 "$PRODUCER_PID" 2>/dev/null; then
            die "the Kafka console producer stopped; is the broker still running (scripts/kafka.sh status)?"
        fi
        now=$((micros / 1000000))
        spike=false
        if ((now >= next_spike)); then
            spike=true
            next_spike=$((next_spike + SPIKE_EVERY))
        fi
        print_samples "$now" "$host" "$spike" >&3
        sleep_to_next_second "$micros"
        micros="$(epoch_micros)"
    done
}

main "$@"
