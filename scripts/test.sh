#!/usr/bin/env bash
# Builds the job and runs every test: unit tests (*Test, surefire) and the integration tests against
# a Flink MiniCluster and an in-process Kafka (*ITCase, failsafe), plus the formatting check.
# Needs Java 17 and Maven 3.8+; extra arguments go to Maven (e.g. scripts/test.sh -pl udfs).
set -euo pipefail

# The README's quickstart and .ci/run name this script; this is the one place the command lives.
readonly MAVEN_VERIFY=(mvn -B -ntp verify)

cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec "${MAVEN_VERIFY[@]}" "$@"
