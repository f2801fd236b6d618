package io.pensu.flink.model;

import io.pensu.flink.model.htmjava.HtmJavaEngine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The HTM engines this build knows, by the id they write into model snapshots. */
public final class HtmEngines {

    private static final Map<String, HtmEngine> ENGINES =
            List.<HtmEngine>of(new HtmJavaEngine()).stream()
                    .collect(Collectors.toUnmodifiableMap(HtmEngine::id, Function.identity()));

    private HtmEngines() {}

    /** The engine with this id; fails naming the known ids. */
    public static HtmEngine byId(String id) {
        HtmEngine engine = ENGINES.get(id);
        if (engine == null) {
            throw new IllegalArgumentException(
                    "unknown HTM engine '" + id + "'; known: " + ENGINES.keySet());
        }
        return engine;
    }

    public static java.util.Set<String> ids() {
        return ENGINES.keySet();
    }
}
