#!/usr/bin/env bash
# Speed, memory and state benchmarks. Each command writes a markdown report (machine, date, load
# before and after, the table) to benchmarks/target/bench-results/<command>.md and prints it.
#
#   scripts/benchmarks.sh engine [JMH options]     per-sample compute of both engines alone (JMH,
#                                                   SampleTime: p50/p99, samples/s per core);
#                                                   default -f 1 -wi 2 -w 10s -i 5 -r 10s
#   scripts/benchmarks.sh job [N...]                the whole job through Kafka on the local stack,
#                                                   compact engine, RocksDB and heap backends, at N
#                                                   metrics (default 10 100 1000): drain rate,
#                                                   CPU per sample (models, TaskManager, broker),
#                                                   heap per model, checkpoints, restore, rebuild
#                                                   (BENCH_BACKENDS="rocksdb" runs only that one)
#   scripts/benchmarks.sh latency [rate] [seconds]  sample-to-output latency at a paced rate
#                                                   (default 200 samples/s for 60 s, 100 metrics)
#   scripts/benchmarks.sh demo [metrics] [samples] [learning]
#                                                   issue 12's run: many metrics at one sample per
#                                                   minute, every model live, replayed as fast as
#                                                   the job takes them, checked against the issue's
#                                                   targets (default 10000 metrics x 35 samples, 20
#                                                   of them learning)
#   scripts/benchmarks.sh classifier [NAB files...]  the prediction classifier after 5,000, 20,000
#                                                   and all samples of each file: heap, snapshot
#                                                   bytes, write and read time, input bits seen,
#                                                   prediction error, a hash of its predictions
#                                                   (default: the 17 realAWSCloudwatch files and 4
#                                                   others)
#   scripts/benchmarks.sh footprint [models] [ages...] [key=value...]
#                                                   the whole model of one metric, the job's and AWS
#                                                   Random Cut Forest's in one run: heap per live
#                                                   model, serialized bytes, CPU per sample p50/p99
#                                                   (default 8 live models each, after 5000 and 20000
#                                                   samples of a noisy daily metric); key=value model
#                                                   parameters add the job's model with those, e.g.
#                                                   sp.learn=0 tm.maxSynapses=131072
#
# The stack runs on its own ports and state directory (BENCH_PORT_BASE, default 40000: Kafka
# 49092, Flink 48081, state in .local/bench-40000), started and stopped by each command.
# PENSU_HTM_ENGINE (compact) picks the engine of the job runs; BENCH_JOB_ARGS adds job arguments,
# e.g. BENCH_JOB_ARGS="--PENSU_SNAPSHOT_AFTER_REPLAY_SAMPLES 16"; BENCH_TASKMANAGER_JAVA_OPTS
# replaces the TaskManager's JVM options of flink-conf/ (collector settings); BENCH_JFR=1 records the
# TaskManager with JFR (profile settings) while the input drains, into the run's directory under
# benchmarks/target/bench-results/job/ as taskmanager.jfr, and the new TaskManager while it
# catches up after the kill as catchup.jfr (restart-phases.txt there says where the restart's
# time went). Every job run also writes taskmanager-threads.md there: the TaskManager's CPU over
# the live samples by thread group (GC, JIT, RocksDB, Kafka, each task; ThreadCpu), which the
# demo's report shows. Needs java, mvn, curl, jq, kcat,
# python3. Benchmarks, not tests: they take minutes.
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly SCRIPTS="$REPO_DIR/scripts"
readonly RESULTS="$REPO_DIR/benchmarks/target/bench-results"
readonly SCRIPT_NAME=benchmarks.sh

# shellcheck source=scripts/lib/local-process.sh
source "$SCRIPTS/lib/local-process.sh"
# shellcheck source=scripts/lib/flink-cli.sh
source "$SCRIPTS/lib/flink-cli.sh"
# shellcheck source=scripts/lib/bench-stack.sh
source "$SCRIPTS/lib/bench-stack.sh"

log() {
    echo "[$(date -u +%H:%M:%S)] $*" >&2
}

# The report's header: what ran, where, when, and how busy the machine was when it started.
report_header() {
    local title="$1"
    echo "## $title"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -n 1)"
    echo "- load before: $(uptime | sed 's/.*load average: //')"
    [[ -z "${BENCH_JOB_ARGS:-}" ]] || echo "- job arguments added: $BENCH_JOB_ARGS"
}

report_footer() {
    echo "- load after: $(uptime | sed 's/.*load average: //')"
}

# Writes stdin to the command's report and shows it.
save_report() {
    mkdir -p "$RESULTS"
    tee "$RESULTS/$1.md"
    log "report: $RESULTS/$1.md"
}

benchmarks_classpath() {
    mvn -q -B -ntp -pl benchmarks -am -DskipTests package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt >&2
    echo "$REPO_DIR/benchmarks/target/classes:$(cat "$REPO_DIR/benchmarks/target/classpath.txt")"
}

cmd_engine() {
    local jmh_options=("$@")
    ((${#jmh_options[@]} > 0)) || jmh_options=(-f 1 -wi 2 -w 10s -i 5 -r 10s)
    local classpath json="$RESULTS/engine-jmh.json"
    classpath="$(benchmarks_classpath)"
    mkdir -p "$RESULTS"
    {
        report_header "Engine alone (JMH)"
        echo "- JMH options: ${jmh_options[*]} (few forks and iterations: 2 shared cores)"
        java -Xmx4g -cp "$classpath" org.openjdk.jmh.Main EngineComputeBenchmark \
            "${jmh_options[@]}" -rf json -rff "$json" >"$RESULTS/engine-jmh.log"
        report_footer
        echo
        echo "| engine | compute per sample, p50 | p99 | mean | samples/s per core | samples measured |"
        echo "|---|---|---|---|---|---|"
        jq -r '.[] | .params.engine as $e | .primaryMetric as $m |
            "| \($e) | \($m.scorePercentiles["50.0"] | round) µs" +
            " | \($m.scorePercentiles["99.0"] | round) µs" +
            " | \($m.score | round) µs | \(1e6 / $m.score | round)" +
            " | \([$m.rawDataHistogram[][][] | .[1]] | add) |"' "$json"
    } | save_report engine
}

cmd_classifier() {
    local data="$REPO_DIR/benchmarks/nab/data" files=("$@") classpath
    if ((${#files[@]} == 0)); then
        files=(realKnownCause/machine_temperature_system_failure.csv realKnownCause/nyc_taxi.csv
            realKnownCause/ec2_request_latency_system_failure.csv
            artificialWithAnomaly/art_daily_jumpsup.csv)
        for file in "$data"/realAWSCloudwatch/*.csv; do
            files+=("realAWSCloudwatch/$(basename "$file")")
        done
    fi
    classpath="$(benchmarks_classpath)"
    {
        report_header "Prediction classifier after 5,000, 20,000 and all samples of each file"
        echo "- steps 1 and 5, compact engine, default parameters; write and read: mean of 200 after"
        echo "  200 unmeasured, to and from a byte array; MAE: 5 steps ahead, % of the range so far"
        echo
        java -Xmx2g -Djdk.attach.allowAttachSelf=true -cp "$classpath" io.pensu.flink.bench.ClassifierFootprint "$data" "${files[@]}"
        echo
        report_footer
    } | save_report classifier
}

cmd_footprint() {
    local classpath
    classpath="$(benchmarks_classpath)"
    {
        report_header "The whole model of one metric: the job's and Random Cut Forest's"
        echo "- one JVM, one thread; heap: live heap after GC with all models alive, divided by"
        echo "  their number; serialized: the job's snapshot bytes (MetricModel.writeTo), RCF's"
        echo "  mapper state in Java serialization; compute: thread CPU time over each model's last"
        echo "  1000 samples before the age"
        echo
        java -Xmx4g -cp "$classpath" io.pensu.flink.bench.ModelFootprint "$@"
        echo
        report_footer
    } | save_report footprint
}

# Rate in samples/s of a drain curve ("epoch-millis count" lines) from the first poll that saw
# <from> samples to the last poll.
drain_rate() {
    awk -v from="$1" '$2 >= from && !t0 { t0 = $1; c0 = $2 } { t = $1; c = $2 }
        END { if (t > t0) printf "%.0f", (c - c0) * 1000 / (t - t0); else print "n/a" }'
}

median() {
    # %.10g: awk's default %.6g turns a size in bytes into 5.2735e+09.
    sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.10g\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2); else print "n/a" }'
}

# The largest of a column of numbers: a checkpoint that carries many models' snapshots at once
# is what the incremental target is about, and a median hides it.
largest() {
    sort -n | awk '{ v = $1 } END { if (NR) printf "%.10g\n", v; else print "n/a" }'
}

# Bytes as MB; "n/a" (a figure the run could not take) stays "n/a".
mb() {
    awk -v b="$1" 'BEGIN { if (b ~ /^[0-9]+(\.[0-9]+)?$/) printf "%.1f MB", b / 1e6; else print "n/a" }'
}

# One round: one more sample of every metric; prints the seconds until the detector took them all.
timed_round() {
    local job="$1" run="$2" metrics="$3" sample="$4" before="$5" started
    started="$(date +%s%3N)"
    metric_lines "$metrics" "$sample" $((sample + 1)) | produce "$run.metrics"
    poll_until_processed "$job" $((before + metrics)) >/dev/null
    awk -v a="$started" -v b="$(date +%s%3N)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'
}

# The whole job at <metrics> metrics x <samples> samples on one state backend, <cache> live models
# per subtask, <learning> samples before a metric's model exists; prints a table row.
job_run() {
    local backend="$1" metrics="$2" samples="$3" cache="$4" learning="$5"
    local run dir total=$((metrics * samples))
    run="bench-$metrics-$backend-$(date +%s)"
    dir="$RESULTS/job/$run"
    mkdir -p "$dir"
    # ThreadCpu needs only the JDK: compiled here, it starts at once when the live samples do.
    javac -d "$dir/classes" "$REPO_DIR/benchmarks/src/main/java/io/pensu/flink/bench/ThreadCpu.java"
    log "$run: $metrics metrics x $samples samples, $backend backend"
    start_stack "$backend" "${BENCH_TASKMANAGER_SIZE:-8g}"
    create_run_topics "$run"
    local job heap_empty heap_full started finished
    job="$(submit_run_job "$run" "$metrics" --PENSU_MODEL_CACHE_SIZE "$cache" \
        --PENSU_ENCODER_LEARNING_SAMPLES "$learning" --PENSU_CHECKPOINT_INTERVAL 10)"
    heap_empty="$(taskmanager_heap_after_gc)"
    started="$(date +%s%3N)"
    # The learning samples and the models' creation first, so that the CPU and the profile of the
    # rest are those of live models only.
    metric_lines "$metrics" 0 "$learning" | produce "$run.metrics" &
    poll_until_processed "$job" $((metrics * learning)) >"$dir/drain.txt"
    wait
    [[ -z "${BENCH_JFR:-}" ]] || jcmd "$(taskmanager_pid)" JFR.start name=bench settings=profile \
        filename="$dir/taskmanager.jfr" >&2
    local taskmanager_cpu broker_cpu model_cpu threads live_samples=$((metrics * (samples - learning)))
    # Where the TaskManager's CPU goes over the live samples, by thread; it prints its table when
    # stopped.
    java -Xmx64m -cp "$dir/classes" io.pensu.flink.bench.ThreadCpu \
        "$(taskmanager_pid)" "$(getconf CLK_TCK)" "$live_samples" "live sample" \
        >"$dir/taskmanager-threads.md" &
    threads=$!
    model_cpu="$(model_compute_cpu_micros "$job")"
    taskmanager_cpu="$(process_cpu_millis "$(taskmanager_pid)")"
    broker_cpu="$(process_cpu_millis "$(broker_pid)")"
    metric_lines "$metrics" "$learning" "$samples" | produce "$run.metrics" &
    local producer=$!
    poll_until_processed "$job" "$total" >>"$dir/drain.txt"
    wait "$producer"
    finished="$(date +%s%3N)"
    taskmanager_cpu=$(($(process_cpu_millis "$(taskmanager_pid)") - taskmanager_cpu))
    broker_cpu=$(($(process_cpu_millis "$(broker_pid)") - broker_cpu))
    kill -TERM "$threads"
    wait "$threads" || true
    sleep 2 # the metrics fetcher's interval, so that the count includes the last samples
    model_cpu=$(($(model_compute_cpu_micros "$job") - model_cpu))
    [[ -z "${BENCH_JFR:-}" ]] || jcmd "$(taskmanager_pid)" JFR.stop name=bench >&2
    local compute
    compute="$(model_compute_micros "$job")"
    heap_full="$(taskmanager_heap_after_gc)"
    log "$run: drained; waiting for a checkpoint of the final state"
    local checkpoint steady_from
    checkpoint="$(checkpoint_completed_after "$job" "$finished")"
    echo "$checkpoint" >"$dir/checkpoint.json"
    # Steady load: once every model exists (after learning, and creation with its replay).
    steady_from="$(awk -v from=$((metrics * (learning + 2))) \
        '$2 >= from { print $1; exit }' "$dir/drain.txt")"
    # Until the last poll that still saw samples coming: checkpoints queued while one ran long
    # fire back to back once the input is done, and those carry nothing.
    checkpoints_between "$job" "$steady_from" \
        "$(awk -v total="$total" '$2 < total { last = $1 } END { print last }' "$dir/drain.txt")" \
        >"$dir/steady-checkpoints.json"

    local warm_round cold_round restart
    warm_round="$(timed_round "$job" "$run" "$metrics" "$samples" "$total")"
    checkpoint_completed_after "$job" "$(date +%s%3N)" >/dev/null
    log "$run: killing the TaskManager"
    restart="$(restart_taskmanager "$job" "$dir/restart-phases.txt")"
    # The catch-up: the new TaskManager rebuilds every model at its metric's next sample.
    [[ -z "${BENCH_JFR:-}" ]] || jcmd "$(taskmanager_pid)" JFR.start name=catchup \
        settings=profile filename="$dir/catchup.jfr" >&2
    local catchup_cpu
    catchup_cpu="$(process_cpu_millis "$(taskmanager_pid)")"
    cold_round="$(timed_round "$job" "$run" "$metrics" $((samples + 1)) 0)"
    catchup_cpu=$(($(process_cpu_millis "$(taskmanager_pid)") - catchup_cpu))
    [[ -z "${BENCH_JFR:-}" ]] || jcmd "$(taskmanager_pid)" JFR.stop name=catchup >&2
    echo "TaskManager CPU during the catch-up: $catchup_cpu ms" >>"$dir/restart-phases.txt"
    cancel_and_drop_checkpoints "$job"

    local steady_rate whole_rate
    steady_rate="$(drain_rate $((metrics * (learning + 2))) <"$dir/drain.txt")"
    whole_rate="$(drain_rate 1 <"$dir/drain.txt")"
    # The figures that the demo's report checks against issue 12's targets.
    cat >"$dir/targets.txt" <<EOF
steady_rate=$steady_rate
checkpoint_bytes=$(jq '.state_size' <<<"$checkpoint")
incremental_bytes=$(jq '.checkpointed_size' "$dir/steady-checkpoints.json" | largest)
restart_seconds=${restart%% s*}
cold_round_seconds=$cold_round
EOF
    LAST_RUN_DIR="$dir"
    printf '| %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s ms | %s | %s ms | %s | %s s | %s s |\n' \
        "$metrics" "$backend" "$total" "$steady_rate" "$whole_rate" \
        "$compute" "$(awk -v rate="$steady_rate" -v mean="${compute#* / }" \
            'BEGIN { printf "%.0f %%", 100 * rate * mean / 2e6 }')" \
        "$(awk -v tm="$taskmanager_cpu" -v broker="$broker_cpu" -v n="$live_samples" \
            -v model="$model_cpu" 'BEGIN { printf "%.0f / %.0f / %.0f µs: %.0f %%", model / n,
                1000 * tm / n, 1000 * broker / n, 100 * model / (1000 * (tm + broker)) }')" \
        "$(mb "$heap_full")" \
        "$(mb $(((heap_full - heap_empty) / metrics)))" \
        "$(mb "$(jq '.state_size' <<<"$checkpoint")")" \
        "$(mb $(($(jq '.state_size' <<<"$checkpoint") / metrics)))" \
        "$(jq '.end_to_end_duration' <<<"$checkpoint")" \
        "$(mb "$(jq '.checkpointed_size' "$dir/steady-checkpoints.json" | median | cut -d. -f1)") / $(mb "$(jq '.checkpointed_size' "$dir/steady-checkpoints.json" | largest)")" \
        "$(jq '.end_to_end_duration' "$dir/steady-checkpoints.json" | median)" \
        "$restart" "$warm_round" "$cold_round"
}

job_table_header() {
    echo "| metrics | backend | samples | samples/s, models exist | samples/s, whole run | model compute in the job, median / mean µs (last 1000 per subtask) | share of 2 cores in model compute | CPU per live sample: model compute / TaskManager (all of it) / broker; model compute's share of TaskManager + broker | TaskManager heap after GC | heap per metric | checkpoint size | per metric | its duration | steady load: incremental checkpoint (median / largest) | its duration (median) | TaskManager killed -> job running again (of which state restore) | one sample per metric, warm | the same after the restore (models rebuilt) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
}

cmd_job() {
    local counts=("$@") samples metrics backend
    ((${#counts[@]} > 0)) || counts=(10 100 1000)
    [[ -f "$JOB_JAR" ]] || mvn -q -B -ntp -pl job -am -DskipTests package >&2
    {
        report_header "Whole job, $ENGINE engine, Kafka -> job -> Kafka"
        echo "- per metric $LEARNING_SAMPLES samples (encoder learning), then 60,000 / metrics (at least 60),"
        echo "  one minute apart, all metrics' sample i before any sample i+1; sent as fast as kcat"
        echo "  sends (the job drains the topic); parallelism 2,"
        echo "  checkpoints every 10 s (RocksDB: incremental), exactly-once output, cache = metrics"
        echo
        job_table_header
        for metrics in "${counts[@]}"; do
            # At least 60,000 samples after the models exist, and 60 per metric.
            samples=$((LEARNING_SAMPLES + (60000 / metrics > 60 ? 60000 / metrics : 60)))
            for backend in ${BENCH_BACKENDS:-rocksdb hashmap}; do
                job_run "$backend" "$metrics" "$samples" "$metrics" "$LEARNING_SAMPLES"
            done
        done
        stop_stack
        report_footer
    } | save_report job
}

# Re-sends "key TAB value" lines from stdin at <rate> lines per second, each as soon as it is due.
paced() {
    python3 -c '
import sys, time
rate = float(sys.argv[1])
start = time.monotonic()
for i, line in enumerate(sys.stdin):
    delay = start + i / rate - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    sys.stdout.write(line)
    sys.stdout.flush()
' "$1"
}

# Latency of each paced sample: its input record's CreateTime (the producer's send time) to the
# broker's append time of its anomaly_score line; prints p50, p99, max in ms and the count.
latency_percentiles() {
    local run="$1" from_epoch="$2"
    python3 - "$from_epoch" \
        <(kcat -b "$BOOTSTRAP" -C -t "$run.metrics" -e -q -o beginning -f '%T\t%s\n') \
        <(kcat -b "$BOOTSTRAP" -C -t "$run.anomalies" -e -q -o beginning -f '%T\t%s\n') <<'EOF'
import sys
from_epoch = int(sys.argv[1])
sent = {}
for line in open(sys.argv[2]):
    millis, carbon = line.rstrip("\n").split("\t")
    name, _, timestamp = carbon.split(" ")
    if int(timestamp) >= from_epoch:
        sent[(name, timestamp)] = int(millis)
prefix = "pensu.anomaly_score.metrics_analyzer."
latencies = []
for line in open(sys.argv[3]):
    millis, carbon = line.rstrip("\n").split("\t")
    name, _, timestamp = carbon.split(" ")
    if name.startswith(prefix) and (name[len(prefix):], timestamp) in sent:
        latencies.append(int(millis) - sent[(name[len(prefix):], timestamp)])
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"{pick(0.5)} ms | {pick(0.99)} ms | {latencies[-1]} ms | {len(latencies)} of {len(sent)}")
EOF
}

cmd_latency() {
    local rate="${1:-200}" seconds="${2:-60}" metrics=100 warm=300
    local rounds=$((rate * seconds / metrics)) run
    run="bench-latency-$(date +%s)"
    [[ -f "$JOB_JAR" ]] || mvn -q -B -ntp -pl job -am -DskipTests package >&2
    {
        report_header "Sample-to-output latency, $ENGINE engine"
        echo "- $metrics metrics, models created first ($warm samples each), then $((rounds * metrics))"
        echo "  samples paced at $rate samples/s ($seconds s); RocksDB, parallelism 2, at-least-once"
        echo "  output (exactly-once output becomes visible only at the next checkpoint, every 10 s)"
        echo "- latency = input record's CreateTime (sent) -> its anomaly_score line's LogAppendTime"
        start_stack rocksdb 8g
        create_run_topics "$run"
        local job
        job="$(submit_run_job "$run" "$metrics" --PENSU_MODEL_CACHE_SIZE "$metrics" \
            --PENSU_DELIVERY_GUARANTEE at-least-once)"
        metric_lines "$metrics" 0 "$warm" | produce "$run.metrics"
        poll_until_processed "$job" $((metrics * warm)) >/dev/null
        log "$run: models created; pacing $rate samples/s"
        metric_lines "$metrics" "$warm" $((warm + rounds)) | paced "$rate" | produce "$run.metrics"
        poll_until_processed "$job" $((metrics * (warm + rounds))) >/dev/null
        sleep 5
        echo
        echo "| load | p50 | p99 | max | samples |"
        echo "|---|---|---|---|---|"
        echo "| $rate samples/s | $(latency_percentiles "$run" $((FEED_START_EPOCH + 60 * warm))) |"
        cancel_and_drop_checkpoints "$job"
        stop_stack
        report_footer
    } | save_report latency
}

# Issue 12's run: many metrics, one sample per minute each, every model live (BENCH_DEMO_CACHE
# models per subtask, default all of them), replayed as fast as the job takes them; the report
# checks the figures against the issue's targets. Caught up = the TaskManager killed, a new one
# running, and the next minute of every metric processed.
cmd_demo() {
    local metrics="${1:-10000}" samples="${2:-35}" learning="${3:-20}"
    local cache="${BENCH_DEMO_CACHE:-$metrics}"
    [[ -f "$JOB_JAR" ]] || mvn -q -B -ntp -pl job -am -DskipTests package >&2
    {
        report_header "$metrics metrics at one sample per minute, replayed at speed, $ENGINE engine"
        echo "- $samples samples per metric ($learning learn the encoder range first), one minute apart,"
        echo "  all metrics' sample i before any sample i+1, sent as fast as kcat sends; RocksDB,"
        echo "  parallelism 2, PENSU_MODEL_CACHE_SIZE=$cache per subtask, TaskManager"
        echo "  ${BENCH_TASKMANAGER_SIZE:-12g}; live time needs $((metrics / 60)) samples/s"
        echo
        job_table_header
        BENCH_TASKMANAGER_SIZE="${BENCH_TASKMANAGER_SIZE:-12g}" \
            job_run rocksdb "$metrics" "$samples" "$cache" "$learning"
        stop_stack
        report_footer
        echo
        demo_targets "$metrics" "$LAST_RUN_DIR/targets.txt"
        echo
        echo "The TaskManager's CPU over the live samples, by thread:"
        echo
        cat "$LAST_RUN_DIR/taskmanager-threads.md"
    } | save_report demo
}

# The run's figures (<targets.txt> of job_run) against issue 12's targets.
demo_targets() {
    local metrics="$1" steady_rate checkpoint_bytes incremental_bytes restart_seconds
    local cold_round_seconds
    # shellcheck disable=SC1090 # written by job_run
    source "$2"
    # A figure the run could not take is "n/a": a short run may drain before every model exists
    # or before a checkpoint completes, and a missing figure is no verdict either way.
    awk -v metrics="$metrics" -v rate="$steady_rate" -v full="$checkpoint_bytes" \
        -v incremental="$incremental_bytes" -v restart="$restart_seconds" \
        -v round="$cold_round_seconds" 'function verdict(ok) { return ok ? "met" : "not met" }
        function measured(figure) { return figure ~ /^[0-9]+(\.[0-9]+)?$/ }
        BEGIN {
            live = metrics / 60
            print "| target | this run | |"
            print "|---|---|---|"
            if (measured(rate))
                printf "| sustained >= 10x live speed | %.1fx (%s samples/s; live: %.0f) | %s |\n",
                    rate / live, rate, live, verdict(rate >= 10 * live)
            else
                print "| sustained >= 10x live speed | the input drained before every model existed: more samples per metric | not measured |"
            printf "| full checkpoint <= 3 GB | %.2f GB | %s |\n", full / 1e9, verdict(full <= 3e9)
            if (measured(incremental))
                printf "| incremental checkpoint <= 100 MB (the largest, draining faster than live) | %.1f MB | %s |\n",
                    incremental / 1e6, verdict(incremental <= 1e8)
            else
                print "| incremental checkpoint <= 100 MB (the largest, draining faster than live) | no checkpoint completed while the input drained with every model in place: more samples per metric | not measured |"
            printf "| TaskManager killed -> running, next minute of every metric done, <= 60 s | %.1f s (%.1f + %.1f) | %s |\n",
                restart + round, restart, round, verdict(restart + round <= 60)
        }'
}

main() {
    (($# > 0)) || usage
    local command="$1"
    shift
    case "$command" in
        engine) cmd_engine "$@" ;;
        job) cmd_job "$@" ;;
        latency) cmd_latency "$@" ;;
        demo) cmd_demo "$@" ;;
        classifier) cmd_classifier "$@" ;;
        footprint) cmd_footprint "$@" ;;
        *) usage ;;
    esac
}

main "$@"
