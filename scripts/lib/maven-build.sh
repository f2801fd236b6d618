# shellcheck shell=bash
# Building the project's jars when their sources changed: shared by generator.sh and demo.sh. The
# sourcing script sets REPO_DIR and defines die.

# True when the file exists and is newer than every pom of the project and every file under the
# given paths.
#   newer_than_sources <file> [path]...
newer_than_sources() {
    local file="$1"
    shift
    [[ -f "$file" ]] || return 1
    [[ -z "$(find "$REPO_DIR"/pom.xml "$REPO_DIR"/*/pom.xml "$@" -newer "$file" -print -quit)" ]]
}

# Runs Maven in the repository, quietly, with its output in a log; on failure shows its errors and
# dies.
#   maven_build <log file> <maven arguments>...
maven_build() {
    local log="$1"
    shift
    mkdir -p "$(dirname "$log")"
    if ! (cd "$REPO_DIR" && mvn -B -ntp -q "$@") >"$log" 2>&1; then
        grep -E '^\[(ERROR|WARNING)\]' "$log" | head -n 30 >&2 || true
        die "the build failed; full output in $log"
    fi
}
