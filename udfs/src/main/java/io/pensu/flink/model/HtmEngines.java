package io.pensu.flink.model;

import io.pensu.flink.model.compact.CompactEngine;
import io.pensu.flink.model.htmjava.HtmJavaEngine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The HTM engines this build knows, by the id they write into model snapshots. */
public final class HtmEngines {

    /** In a fixed order, so that messages listing the ids read the same on every run. */
    private static final Map<String, HtmEngine> ENGINES =
            engines(new HtmJavaEngine(), new CompactEngine());

    private HtmEngines() {}

    private static Map<String, HtmEngine> engines(HtmEngine... engines) {
        Map<String, HtmEngine> byId = new LinkedHashMap<>();
        for (HtmEngine engine : engines) {
            byId.put(engine.id(), engine);
        }
        return Collections.unmodifiableMap(byId);
    }

    /** The engine with this id; fails naming the known ids. */
    public static HtmEngine byId(String id) {
        HtmEngine engine = ENGINES.get(id);
        if (engine == null) {
            throw new IllegalArgumentException(
                    "unknown HTM engine '" + id + "'; known: " + ENGINES.keySet());
        }
        return engine;
    }

    public static Set<String> ids() {
        return ENGINES.keySet();
    }
}
