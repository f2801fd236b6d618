#!/usr/bin/env bash
# The NAB benchmark: every file of benchmarks/nab/data through the job's own detector on a local
# Flink cluster (all cores), NAB result files and scores in benchmarks/target/nab-results/
# (summary.md). Takes long: 365,558 samples at a few ms each per core. A benchmark, not a test.
# Extra arguments go to NabBenchmark, e.g. --files realKnownCause/nyc_taxi.csv --parallelism 1, or
# --half A (only the files of the fixed half A: choose settings there, report half B).
# By default AWS Random Cut Forest (OpenSearch's configuration) runs in the same command on the same
# files and summary.md ends with both side by side; --detectors pensu runs the job's detector only.
#   scripts/nab.sh prediction-error [--engines htm.java,compact] [--files ...]
# instead measures the prediction error on the realAWSCloudwatch files (PredictionErrorBenchmark),
# table in benchmarks/target/prediction-results/prediction-errors.md.
#   scripts/nab.sh synthetic [--seed N] [NabBenchmark options]
# instead writes the realAWSCloudwatch series with short spikes and dips injected (SyntheticCorpus,
# in NAB's layout, benchmarks/target/synthetic-nab) and runs both detectors on them, summary in
# benchmarks/target/synthetic-results/summary.md.
#   scripts/nab.sh held-out [--seed N] [NabBenchmark options]
# the same for the held-out corpus: NAB's 41 series outside realAWSCloudwatch, labelled only by
# the anomalies injected into them, their own windows ignored (benchmarks/target/held-out-nab,
# summary in benchmarks/target/held-out-results/summary.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
main=io.pensu.flink.nab.NabBenchmark
synthetic=()
if [[ "${1:-}" == prediction-error ]]; then
    main=io.pensu.flink.nab.PredictionErrorBenchmark
    shift
elif [[ "${1:-}" == synthetic || "${1:-}" == held-out ]]; then
    corpus=$1
    shift
    if [[ "${1:-}" == --seed ]]; then
        synthetic=(--seed "$2")
        shift 2
    fi
    synthetic+=(--corpus "$corpus" --out "benchmarks/target/$corpus-nab")
    set -- --nab "benchmarks/target/$corpus-nab" --out "benchmarks/target/$corpus-results" "$@"
fi

mvn -q -B -ntp -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
# A subtask's cache keeps about 1.2 GB of live models (PENSU_MODEL_CACHE_SIZE: 256 compact, 16 htm.java).
java_options=(-Xmx6g -Xss4m
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
    -Dlog4j2.configurationFile=benchmarks/src/main/resources/log4j2-nab.properties
    -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)")
if ((${#synthetic[@]} > 0)); then
    java "${java_options[@]}" io.pensu.flink.nab.SyntheticCorpus "${synthetic[@]}"
fi
exec java "${java_options[@]}" "$main" "$@"
