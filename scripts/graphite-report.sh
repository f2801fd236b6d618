#!/usr/bin/env bash
# Charts what carbon stored (scripts/graphite.sh): per input metric its value and prediction,
# anomaly likelihood, score and prediction confidence with the thresholds, and the anomalies
# marked, in one self-contained HTML page (inline SVG, no scripts). Prints the page's path.
#
#   scripts/graphite-report.sh [--from EPOCH] [--until EPOCH] [--out DIR]
#                              [--likelihood-threshold X] [--score-threshold X] [--names-template T]
#
# Default: the last 6 hours (and the next hour, where predictions are), written to
# <state>/graphite/report/index.html; the thresholds are the job's defaults (0.99999, 0.99).
# Environment: PENSU_LOCAL_DIR (state root, default <repo>/.local).
set -euo pipefail
shopt -s inherit_errexit

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly STATE_DIR="${PENSU_LOCAL_DIR:-$REPO_DIR/.local}/graphite"
readonly SCRIPT_NAME=graphite-report.sh

# shellcheck source=scripts/lib/local-process.sh
source "$REPO_DIR/scripts/lib/local-process.sh"

[[ "${1:-}" == -h || "${1:-}" == --help ]] && usage
require_java
jars=("$REPO_DIR"/graphite/target/pensu-flink-graphite-*[0-9T].jar)
[[ -f "${jars[0]}" ]] || die "no report jar in $REPO_DIR/graphite/target; build it with:" \
    "mvn -B -ntp -DskipTests package"
[[ -d "$STATE_DIR/storage/whisper" ]] || die "no whisper files in $STATE_DIR/storage/whisper;" \
    "start carbon and the forwarder with: scripts/graphite.sh up"
# Caller's flags after the defaults: later flags win.
exec java -Xmx512m -XX:+UseSerialGC -cp "${jars[0]}" io.pensu.flink.graphite.MetricChartReport \
    --whisper-dir "$STATE_DIR/storage/whisper" --out "$STATE_DIR/report" "$@"
