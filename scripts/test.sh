#!/usr/bin/env bash
# Builds the job and runs every test: shellcheck on every shell script, then Maven's verify, which
# checks the formatting (spotless, in the validate phase), runs the unit tests (*Test, surefire)
# and the integration tests against a Flink MiniCluster and an in-process Kafka (*ITCase,
# failsafe), and the end-to-end tests (module e2e) against a real Kafka broker and standalone
# Flink cluster that the build starts and stops (scripts/e2e-stack.sh).
# Needs Java 17, Maven 3.8+, shellcheck, and what the end-to-end tests drive: kcat, chromium
# (.ci/run installs them). Extra arguments go to Maven (e.g. scripts/test.sh -pl udfs, or
# -DskipITs to leave out the integration and end-to-end tests).
set -euo pipefail

# The README's quickstart and .ci/run name this script; this is the one place the command lives.
readonly MAVEN_VERIFY=(mvn -B -ntp verify)

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Every tracked file that is a shell script, whatever its name.
mapfile -t scripts < <(git ls-files -z | xargs -0 grep -lE '^#!/usr/bin/env (bash|sh)|^# shellcheck shell=' --)
shellcheck -x "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
exec "${MAVEN_VERIFY[@]}" "$@"
