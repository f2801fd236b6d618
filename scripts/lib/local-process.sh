# shellcheck shell=bash
# Shared by the local stack scripts (kafka.sh, flink-cluster.sh, flink, job-status.sh): errors,
# usage text, copying Maven Central jars once, detached start and bounded stop of local JVM processes.
# The sourcing script sets SCRIPT_NAME (for messages) before calling these.

die() {
    echo "$SCRIPT_NAME: $*" >&2
    exit 1
}

# The sourcing script's header comment, from its second line to `set -euo pipefail`.
usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

require_command() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH: $2"
}

require_java() {
    require_command java "install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)"
}

# Copies a pom's runtime dependencies into a directory once; again only when the pom or the Maven
# arguments (e.g. -Dflink.version=<version>) change.
#   ensure_maven_jars <what, for messages> <pom> <directory> [maven argument]...
ensure_maven_jars() {
    local what="$1" pom="$2" dir="$3"
    shift 3
    local stamp="$dir/.pom.sha256" checksum
    checksum="$({
        cat "$pom"
        printf '%s\n' "$@"
    } | sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$checksum" ]]; then
        return
    fi
    require_command mvn "install Maven 3.8+ (Debian: apt-get install maven) to download the $what jars"
    echo "Copying the $what jars from Maven into $dir ..."
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    local maven_log
    maven_log="$(dirname "$dir")/copy-jars.log"
    if ! mvn -B -ntp -f "$pom" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$dir" "$@" >"$maven_log" 2>&1; then
        grep -E '^\[(ERROR|WARNING)\]' "$maven_log" | head -n 20 >&2 || true
        die "could not copy the $what jars with Maven; full output in $maven_log"
    fi
    echo "$checksum" >"$stamp"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts a command in the background, detached from this shell and its terminal (it outlives both),
# with its output in a file; returns once the pid file holds its pid.
#   start_detached <pid file> <output file> <command>...
start_detached() {
    local pid_file="$1" output="$2"
    shift 2
    rm -f "$pid_file"
    # The inner shell records its own pid, which exec hands to the command.
    # shellcheck disable=SC2016 # $$ is the inner shell's
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pid_file" "$@" \
        </dev/null >"$output" 2>&1 &
    local deadline=$((SECONDS + 5))
    until [[ -s "$pid_file" ]]; do
        ((SECONDS < deadline)) || die "the process did not start; see $output"
        sleep 0.1
    done
}

# SIGTERM, then SIGKILL when the process has not ended within the timeout.
#   stop_pid <name, for messages> <pid> <timeout seconds>
stop_pid() {
    local name="$1" pid="$2" timeout="$3"
    echo "Stopping $name (pid $pid) ..."
    kill -TERM "$pid"
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            echo "$name did not stop within ${timeout}s; killing pid $pid." >&2
            kill -KILL "$pid"
            break
        fi
        sleep 0.5
    done
}

# The last 100 lines of a log, or all new ones as they come with -f.
#   show_log <file> [-f]
show_log() {
    if [[ "${2:-}" == "-f" ]]; then
        tail -n 100 -F "$1"
    else
        echo "==> $1 <=="
        tail -n 100 "$1"
    fi
}
