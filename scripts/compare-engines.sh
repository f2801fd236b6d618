#!/usr/bin/env bash
# Measures the HTM engines side by side (compute time per sample, heap, snapshot size and time) and
# the snapshot of a whole metric model (networks, classifier, likelihood) with each engine:
#   scripts/compare-engines.sh [samples] [engine...]     e.g. scripts/compare-engines.sh 5000 compact
# JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-XX:G1HeapRegionSize=8m (G1 gives every array of half a
# region or more whole regions of its own, which the heap per model then includes).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl udfs test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/udfs/target/test-classpath.txt" -Dmdep.includeScope=test
# shellcheck disable=SC2086 # JAVA_OPTS holds several flags
exec java -Xmx4g ${JAVA_OPTS:-} -cp "udfs/target/test-classes:udfs/target/classes:$(cat udfs/target/test-classpath.txt)" \
    io.pensu.flink.model.compact.EngineComparison "$@"
