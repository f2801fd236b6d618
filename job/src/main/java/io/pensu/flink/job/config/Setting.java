package io.pensu.flink.job.config;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * One configuration variable of the job, typed like Flink's {@code ConfigOption}: its name, where
 * it comes from, how its text is parsed and checked, its default and what it does. Read from the
 * environment or from a program argument {@code --NAME value}; {@link PensuConfig#get} gives its
 * value.
 *
 * <p>Not a {@code ConfigOption} itself: a Flink {@code Configuration} parses a value when it is
 * read and throws at the first bad one with its own wording and no bounds, while the job checks
 * every setting at start, reports all problems at once in messages its users already know, accepts
 * Pensu's obsolete variables, and derives some values from others (client ids, the transactional-id
 * prefix, the model cache size).
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

    /**
     * Where a setting comes from. Obsolete ones are accepted and ignored; their description says
     * what replaces them.
     */
    public enum Origin {
        PENSU,
        OURS,
        OBSOLETE
    }

    private final String name;
    private final Origin origin;
    private final ValueType<T> type;
    private final String unit;
    private final String defaultValue;
    private final String description;

    private Setting(
            String name,
            Origin origin,
            ValueType<T> type,
            String unit,
            String defaultValue,
            String description) {
        this.name = name;
        this.origin = origin;
        this.type = type;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The variable's name, PENSU_... */
    public String name() {
        return name;
    }

    public Origin origin() {
        return origin;
    }

    /** What a valid value is, as error messages say it: "an integer between 1 and 100". */
    String expected() {
        return type.expected();
    }

    /** What the number counts (seconds, bytes, ...), or null. */
    String unit() {
        return unit;
    }

    /** The default as text, or null when unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    ValueType<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Starts a setting; {@code table} receives it when {@link Typed#doc} completes it. */
    static Builder named(String name, Origin origin, Consumer<Setting<?>> table) {
        return new Builder(name, origin, table);
    }

    /** A setting without its type yet. */
    static final class Builder {
        private final String name;
        private final Origin origin;
        private final Consumer<Setting<?>> table;

        private Builder(String name, Origin origin, Consumer<Setting<?>> table) {
            this.name = name;
            this.origin = origin;
            this.table = table;
        }

        Typed<Integer> integer(int min, int max) {
            return type(ValueType.integer(min, max));
        }

        Typed<Duration> seconds(int min, int max) {
            return type(ValueType.seconds(min, max)).unit("seconds");
        }

        Typed<Double> number(String expected, DoublePredicate valid) {
            return type(ValueType.number(expected, valid));
        }

        Typed<String> text() {
            return type(ValueType.TEXT);
        }

        Typed<String> topic() {
            return type(ValueType.TOPIC);
        }

        <T> Typed<T> parsed(String expected, Function<String, T> parser) {
            return type(new ValueType<>(expected, parser));
        }

        private <T> Typed<T> type(ValueType<T> type) {
            return new Typed<>(this, type);
        }
    }

    /** A setting with its type, waiting for its unit, default and description. */
    static final class Typed<T> {
        private final Builder named;
        private final ValueType<T> type;
        private String unit;
        private String defaultValue;

        private Typed(Builder named, ValueType<T> type) {
            this.named = named;
            this.type = type;
        }

        Typed<T> unit(String unit) {
            this.unit = unit;
            return this;
        }

        /** The default as it would be given; the same parser checks it. */
        Typed<T> defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        /** Completes the setting with its one-sentence description and adds it to the table. */
        Setting<T> doc(String description) {
            Setting<T> setting =
                    new Setting<>(named.name, named.origin, type, unit, defaultValue, description);
            named.table.accept(setting);
            return setting;
        }
    }
}
