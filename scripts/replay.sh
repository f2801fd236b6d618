#!/usr/bin/env bash
# Variants of the detector side of the model (likelihood, residual detector, combination, quieting)
# scored on NAB over several seeds of the HTM networks (ReplayBenchmark): the networks' raw scores
# are computed once per seed and kept in benchmarks/target/network-traces/, then each variant takes
# seconds.
#   scripts/replay.sh [--seeds 1960,2] [--half A] [--variants default,fisher] [--threads 2]
# Traces are per corpus: pass --traces DIR with --nab DIR for another corpus (e.g. the synthetic).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -ntp -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
exec java -Xmx4g -Dlog4j2.configurationFile=benchmarks/src/main/resources/log4j2-nab.properties \
    -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    io.pensu.flink.nab.ReplayBenchmark "$@"
