package io.pensu.flink.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * NAB's realAWSCloudwatch data files (MIT, Numenta; the license is bundled as nab/LICENSE), built
 * into the generator's jar from benchmarks/nab/data/realAWSCloudwatch.
 */
final class NabFiles {

    static final String METRIC_PREFIX = "nab.aws.";
    private static final String DIRECTORY = "nab/realAWSCloudwatch";
    private static final String SUFFIX = ".csv";

    private NabFiles() {}

    /** The bundled file names, without ".csv", sorted. */
    static List<String> available() {
        URL url = NabFiles.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException(DIRECTORY + " is missing from the generator's jar");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return names(jar.provider().getPath(uri));
                }
            }
            return names(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .sorted()
                    .forEach(names::add);
        }
        return names;
    }

    /** The metric a file becomes, e.g. nab.aws.ec2_cpu_utilization_24ae8d. */
    static String metricName(String file) {
        return METRIC_PREFIX + MetricNames.component(file);
    }

    static NabSeries load(String file, String namePrefix) {
        String resource = DIRECTORY + "/" + file + SUFFIX;
        try (InputStream in = NabFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no NAB file " + file + " in the generator");
            }
            return NabSeries.parse(
                    MetricNames.withPrefix(namePrefix, metricName(file)),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
