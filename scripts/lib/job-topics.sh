# shellcheck shell=bash
# The job's Kafka topics, named by the job's own configuration (io.pensu.flink.job.JobTopics), and
# their creation on the local broker and how to watch them: used by demo.sh.
# The sourcing script defines die and progress.

# Sets TOPICS: the input topic first, then the outputs, as the job will see them with these
# arguments and the PENSU_* environment. Fails on a configuration the job would refuse, before
# anything is started with it.
#   read_job_topics <classpath> <stderr file> [job arguments]...
read_job_topics() {
    local classpath="$1" stderr_file="$2" output
    shift 2
    mkdir -p "$(dirname "$stderr_file")"
    # PENSU_LOCAL_DIR belongs to the scripts; the job would warn that it does not know it.
    if ! output="$(env -u PENSU_LOCAL_DIR java -cp "$classpath" io.pensu.flink.job.JobTopics \
        "$@" 2>"$stderr_file")"; then
        cat "$stderr_file" >&2
        die "the job would not start with this configuration"
    fi
    mapfile -t TOPICS <<<"$output"
}

# Creates those of the topics the local broker lacks.
#   create_missing_topics <path of kafka.sh> <topic>...
create_missing_topics() {
    local kafka="$1" existing missing=() topic
    shift
    existing="$("$kafka" topics)"
    for topic in "$@"; do
        grep -qxF -- "$topic" <<<"$existing" || missing+=("$topic")
    done
    if ((${#missing[@]} > 0)); then
        progress "Creating topics: ${missing[*]} ..."
        "$kafka" create-topics "${missing[@]}" >/dev/null
    fi
    progress "Topics: $*"
}

# How to watch each output topic of TOPICS, one command per line.
#   print_consume_commands <kafka.sh as the user would type it>
print_consume_commands() {
    local what=("" "anomaly_score, anomaly_likelihood, anomaly_direction"
        "prediction, prediction_confidence" "JSON report of each anomaly found"
        "rejected input, with the reason" "heartbeat: the input topic's name") i
    for i in 1 2 3 4 5; do
        printf '  %-52s # %s\n' "$1 consume ${TOPICS[i]}" "${what[i]}"
    done
}
