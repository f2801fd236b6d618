# shellcheck shell=bash
# The versions the root pom.xml names, the one place they are spelled: the local cluster's and
# broker's jars (scripts/jars/*/pom.xml) are copied at the build's Flink and Kafka versions.
# The sourcing script sets REPO_DIR.

# A <properties> entry of the root pom, e.g. flink.version.
#   build_property <name>
build_property() {
    local value
    value="$(sed -n "s|^ *<$1>\(.*\)</$1>\$|\1|p" "$REPO_DIR/pom.xml" | head -n 1)"
    [[ -n "$value" ]] || {
        echo "no <$1> in $REPO_DIR/pom.xml" >&2
        return 1
    }
    echo "$value"
}

# The project's own version, e.g. 0.1.0-SNAPSHOT.
project_version() {
    sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$REPO_DIR/pom.xml" | head -n 1
}
