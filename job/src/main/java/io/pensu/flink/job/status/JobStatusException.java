package io.pensu.flink.job.status;

/** A job or cluster state that the report cannot go on from, said as a person would. */
final class JobStatusException extends Exception {
    JobStatusException(String message) {
        super(message);
    }
}
