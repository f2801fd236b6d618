package io.pensu.flink.nab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixed split of a NAB corpus into two halves, to choose settings on one and report the other:
 * within each category, files in name order go alternately to half A and half B. The rule does not
 * look at scores or labels, so neither half is chosen to flatter a detector.
 */
final class NabHalves {

    private NabHalves() {}

    /** Half A ({@code first}) or half B of {@code corpus}. */
    static NabCorpus half(NabCorpus corpus, boolean first) {
        Map<String, Integer> seenInCategory = new TreeMap<>();
        List<String> names = new ArrayList<>();
        for (NabDataFile file : corpus.files().values()) {
            int index = seenInCategory.merge(file.category(), 1, Integer::sum) - 1;
            if ((index % 2 == 0) == first) {
                names.add(file.name());
            }
        }
        Map<String, NabDataFile> files = new TreeMap<>();
        Map<String, List<AnomalyWindow>> windows = new TreeMap<>();
        Map<String, List<AnomalyWindow>> ignored = new TreeMap<>();
        for (String name : names) {
            files.put(name, corpus.files().get(name));
            windows.put(name, corpus.windows().get(name));
            ignored.put(name, corpus.ignored(name));
        }
        return new NabCorpus(files, windows, ignored);
    }
}
