# shellcheck shell=bash
# Checks that the commands a script needs are installed, naming each missing one with how to
# install it: used by demo.sh. The sourcing script defines die.

# Exits, listing every missing command, unless all are on PATH; java must be 17 or newer.
#   require_tools <command>...
require_tools() {
    declare -A install=(
        [java]="a Java 17+ JDK (Debian: apt-get install openjdk-17-jdk-headless)"
        [mvn]="Maven 3.8+ (Debian: apt-get install maven)"
        [curl]="curl (Debian: apt-get install curl)"
        [jq]="jq (Debian: apt-get install jq)")
    local missing=() tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool: ${install[$tool]}")
    done
    if ((${#missing[@]} > 0)); then
        printf "$(basename "$0"): not found on PATH: %s\n" "${missing[@]}" >&2
        exit 1
    fi
    local version
    version="$(java -version 2>&1 | sed -n -E '1s/.*version "([0-9]+).*/\1/p')"
    if [[ ! "$version" =~ ^[0-9]+$ ]] || ((version < 17)); then
        die "Java 17 or newer is needed; 'java' on PATH is: $(java -version 2>&1 | head -n 1)"
    fi
}
