# shellcheck shell=bash
# End-to-end test of "seeing the results", sourced by scripts/e2e-test.sh (uses its SCRIPTS, WORK,
# PORT_BASE, START_EPOCH, METRICS, SAMPLES_PER_METRIC, consume, fail, chromium_headless):
# Debian's carbon-cache and the forwarder on the reference run's topics, the values read back with
# Graphite's own whisper-fetch, and the chart report rendered in headless Chromium.

readonly GRAPHITE_TOPICS=(reference-metrics reference-anomalies reference-predictions)

# The e2e samples are from November 2023 and whisper drops points older than a file's retention:
# one archive reaching back past the first sample (and 30 days more). 20 s is the coarsest step
# that keeps every sample on its own timestamp (1700000000 and the 60 s spacing are multiples of
# it). The files are sparse, so the long retention costs no disk.
write_e2e_storage_schemas() {
    local days=$((($(date +%s) - START_EPOCH) / 86400 + 30))
    printf '%s\n' '[carbon]' 'pattern = ^carbon\.' 'retentions = 60s:1d' '' \
        '[e2e]' 'pattern = .*' "retentions = 20s:${days}d"
}

# Waits until Graphite holds exactly what the topics hold, for every e2e metric.
wait_for_graphite_values() {
    local whisper_dir="$1" deadline=$((SECONDS + 40)) metric differ
    while :; do
        differ=0
        for metric in "${METRICS[@]}"; do
            python3 "$SCRIPTS/e2e/graphite-values.py" "$whisper_dir" "$metric" \
                "$WORK"/graphite-*.lines >"$WORK/graphite-values-$metric.txt" || differ=1
        done
        ((differ == 0)) && return
        if ((SECONDS >= deadline)); then
            cat "$WORK"/graphite-values-*.txt >&2
            fail "Graphite does not hold what the topics hold after 40 s (above)"
        fi
        sleep 2
    done
}

test_graphite_charts_the_reference_run() {
    local tool
    for tool in carbon-cache:graphite-carbon whisper-fetch:python3-whisper; do
        command -v "${tool%%:*}" >/dev/null 2>&1 ||
            fail "'${tool%%:*}' not found; install it: apt-get install ${tool#*:}"
    done
    export GRAPHITE_PORT=$((PORT_BASE + 2003))
    local state="$PENSU_LOCAL_DIR/graphite"
    # This test runs in a subshell: whatever happens, carbon and the forwarder stop with it.
    trap '"$SCRIPTS/graphite.sh" down >/dev/null 2>&1 || true' EXIT
    "$SCRIPTS/graphite.sh" down >/dev/null 2>&1 || true
    rm -rf "$state/storage"
    write_e2e_storage_schemas >"$WORK/storage-schemas.conf"
    GRAPHITE_STORAGE_SCHEMAS="$WORK/storage-schemas.conf" "$SCRIPTS/graphite.sh" up \
        --topics "$(IFS=,; echo "${GRAPHITE_TOPICS[*]}")" --group e2e-graphite | sed 's/^/  /'

    local topic
    for topic in "${GRAPHITE_TOPICS[@]}"; do
        consume "$topic" >"$WORK/graphite-$topic.lines"
    done
    wait_for_graphite_values "$state/storage/whisper"
    sed 's/^/  /' "$WORK/graphite-values-${METRICS[0]}.txt"
    # The input's bad lines that are not carbon lines either ("nodot 1 1700000000" is one).
    local skipped
    skipped="$(grep -c 'Skipped a line that is not a carbon line' "$state/log/forwarder.log")" || true
    ((skipped == 2)) || fail "the forwarder skipped $skipped lines, expected 2"

    local page="$WORK/graphite-report/index.html" metric anomalies
    "$SCRIPTS/graphite-report.sh" --from "$START_EPOCH" \
        --until $((START_EPOCH + 60 * (SAMPLES_PER_METRIC + 3))) \
        --out "$WORK/graphite-report" >/dev/null
    for metric in "${METRICS[@]}"; do
        # The report's anomalies are the job's non-zero direction lines of the metric.
        anomalies="$(cut -f2- "$WORK/graphite-reference-anomalies.lines" |
            grep -cE "^pensu\.anomaly_direction\.metrics_analyzer\.$metric -?1 ")" || true
        grep -qF "<a href=\"#$metric\">$metric</a><td>$SAMPLES_PER_METRIC<td>$SAMPLES_PER_METRIC<td>$anomalies<" \
            "$page" || fail "the report's index does not show $metric with $SAMPLES_PER_METRIC" \
            "values and likelihoods and $anomalies anomalies"
    done
    local shot="$WORK/graphite-report.png" dom="$WORK/graphite-report.dom.html"
    chromium_headless --screenshot="$shot" "file://$page"
    python3 "$SCRIPTS/e2e/png-colours.py" "$shot" 16 ||
        fail "the report's screenshot $shot is (nearly) uniform"
    # As Chromium parsed it: a chart per metric, and every line and dot an element of its own (an
    # element left open would hide all that follows it in the chart).
    chromium_headless --dump-dom "file://$page" >"$dom"
    (($(grep -o '<section' "$dom" | wc -l) == ${#METRICS[@]})) ||
        fail "the rendered report does not have a chart per metric; see $dom"
    (($(grep -oE '<(line|circle)[^>]*>' "$dom" | wc -l) ==
        $(grep -oE '<(line|circle)[^>]*></(line|circle)>' "$dom" | wc -l))) ||
        fail "the rendered report has chart elements nested in lines or dots; see $dom"
    echo "  report $page, screenshot $shot ($(stat -c %s "$shot") bytes)"
    # SIGTERM: the forwarder finishes, commits and says what it did.
    "$SCRIPTS/graphite.sh" forwarder-stop >/dev/null
    grep -E 'Stopped: [0-9]+ lines forwarded, 2 skipped' "$state/log/forwarder.log" | sed 's/^/  /' ||
        fail "the forwarder did not log its counts on SIGTERM; see $state/log/forwarder.log"
}
