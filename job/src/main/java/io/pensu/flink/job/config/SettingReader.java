package io.pensu.flink.job.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values of the settings, recording an error for each bad one instead of stopping, so
 * that every problem is reported together. A bad value reads as the setting's default, which keeps
 * the remaining checks running.
 */
final class SettingReader {

    private static final int LONGEST_QUOTED_VALUE = 120;

    private final Map<Setting<?>, String> given;
    private final Diagnostics diagnostics;
    private final Set<Setting<?>> bad = new HashSet<>();

    SettingReader(Map<Setting<?>, String> given, Diagnostics diagnostics) {
        this.given = given;
        this.diagnostics = diagnostics;
    }

    boolean isGiven(Setting<?> setting) {
        return given.containsKey(setting);
    }

    /** The given value, else the default; null when neither exists. */
    String raw(Setting<?> setting) {
        return given.getOrDefault(setting, setting.defaultValue());
    }

    /**
     * Parses the value, or records "{@code setting} must be {@code expected}, got '...'". An
     * exception the parser throws adds its message as detail.
     *
     * @return the parsed value, the parsed default after an error, or null when unset
     */
    <T> T read(Setting<T> setting) {
        String raw = raw(setting);
        if (raw == null) {
            return null;
        }
        ValueType<T> type = setting.type();
        String detail = "";
        try {
            T value = type.parser().apply(raw);
            if (value != null) {
                return value;
            }
        } catch (RuntimeException e) {
            detail = ": " + e.getMessage();
        }
        error(setting, "must be " + type.expected() + ", got '" + quoted(raw) + "'" + detail);
        return setting.defaultValue() == null ? null : type.parser().apply(setting.defaultValue());
    }

    /** Records an error about {@code setting}; the message continues after its name. */
    void error(Setting<?> setting, String message) {
        bad.add(setting);
        diagnostics.error(setting.name() + " " + message);
    }

    void warning(String message) {
        diagnostics.warning(message);
    }

    /** True when any of {@code settings} had a bad value, so a check across them is moot. */
    boolean anyBad(Setting<?>... settings) {
        for (Setting<?> setting : settings) {
            if (bad.contains(setting)) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String raw) {
        return raw.length() <= LONGEST_QUOTED_VALUE
                ? raw
                : raw.substring(0, LONGEST_QUOTED_VALUE) + "...";
    }
}
