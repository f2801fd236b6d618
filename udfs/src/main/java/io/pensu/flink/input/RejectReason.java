package io.pensu.flink.input;

/** Why a line went to the dead-letter topic; the code is what operators filter and count on. */
public enum RejectReason {
    EMPTY("empty"),
    WRONG_TOKEN_COUNT("wrong_token_count"),
    NAME_WITHOUT_DOT("name_without_dot"),
    NAME_WITH_INVALID_CHARACTER("name_with_invalid_character"),
    NAME_WITH_EMPTY_COMPONENT("name_with_empty_component"),
    NAME_WITH_OVERSIZED_COMPONENT("name_with_oversized_component"),
    UNPARSABLE_VALUE("unparsable_value"),
    NON_FINITE_VALUE("non_finite_value"),
    UNPARSABLE_TIMESTAMP("unparsable_timestamp"),
    TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range"),
    TIMESTAMP_AHEAD_OF_RECORD("timestamp_ahead_of_record"),
    OVERSIZED_LINE("oversized_line"),
    OVERSIZED_RECORD("oversized_record"),
    INVALID_UTF8("invalid_utf8"),
    OUT_OF_ORDER("out_of_order"),
    DUPLICATE_TIMESTAMP("duplicate_timestamp"),
    OVER_QUOTA("over_quota"),
    UNREADABLE_MODEL_STATE("unreadable_model_state");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The reason code as written in dead letters and metric names. */
    public String code() {
        return code;
    }
}
