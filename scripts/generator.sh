#!/usr/bin/env bash
# Runs the data generator: this host's load, memory and network counters and a replay of NAB's AWS
# CloudWatch series, as carbon lines into a Kafka topic. Builds the generator's jar first when its
# sources changed; every argument goes to the generator (scripts/generator.sh --help lists them).
#
#   scripts/generator.sh [--bootstrap-servers HOST:PORT] [--topic NAME] [--sources host,nab-aws]
#                        [--rate R] [--speed-up X] [--duration D] [--count N] [--stdout] ...
#
# Without --bootstrap-servers it writes to the local broker of scripts/kafka.sh
# (127.0.0.1:$KAFKA_PORT, default 9092). Ctrl-C or SIGTERM stop it after a flush.
# Environment: PENSU_LOCAL_DIR (the build log goes there, default <repo>/.local), KAFKA_PORT,
# GENERATOR_HEAP (default 256m).
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly GENERATOR_JAR="$REPO_DIR/generator/target/pensu-flink-generator-0.1.0-SNAPSHOT.jar"
readonly BUILD_LOG="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/generator-build.log"
readonly SCRIPT_NAME=generator.sh

# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"
# shellcheck source=scripts/lib/maven-build.sh
source "$REPO_DIR/scripts/lib/maven-build.sh"

progress() {
    echo "==> $*" >&2
}

# When the jar is older than the generator's sources, the replayed files or a pom.
build_generator() {
    newer_than_sources "$GENERATOR_JAR" "$REPO_DIR"/generator/src \
        "$REPO_DIR"/benchmarks/nab/data/realAWSCloudwatch && return
    require_command mvn "install Maven 3.8+ (Debian: apt-get install maven) to build the generator"
    progress "Building the generator with Maven (log: $BUILD_LOG) ..."
    maven_build "$BUILD_LOG" -DskipTests -pl generator -am package
}

require_java
build_generator
args=("$@")
if ! printf '%s\n' "${args[@]}" | grep -qE -- '^--bootstrap-servers(=|$)'; then
    args=(--bootstrap-servers "127.0.0.1:${KAFKA_PORT:-9092}" "${args[@]}")
fi
exec java "-Xmx${GENERATOR_HEAP:-256m}" -XX:+UseSerialGC -jar "$GENERATOR_JAR" "${args[@]}"
