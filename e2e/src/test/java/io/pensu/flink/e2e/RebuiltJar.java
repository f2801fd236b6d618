package io.pensu.flink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A second build of the job's sources under another version, offline from the Maven repository the
 * first build filled: a genuinely different jar of the same code, to upgrade to. It builds in the
 * background while the first scenarios run.
 */
final class RebuiltJar {

    private static final String VERSION = "e2e-rebuilt";
    private static final Pattern PROJECT_VERSION =
            Pattern.compile("</modelVersion>.*?<version>([^<]+)</version>", Pattern.DOTALL);

    private final Path dir;
    private final Path log;
    private final Process build;

    private RebuiltJar(Path dir, Path log, Process build) {
        this.dir = dir;
        this.log = log;
        this.build = build;
    }

    /** Copies every module's pom and the sources of udfs and job, and starts building them. */
    static RebuiltJar start(Path repository, Path work) throws IOException {
        Path dir = work.resolve("rebuild");
        Matcher version = PROJECT_VERSION.matcher(Files.readString(repository.resolve("pom.xml")));
        if (!version.find()) {
            throw new IOException("no version in " + repository.resolve("pom.xml"));
        }
        String tag = "<version>" + version.group(1) + "</version>";
        try (Stream<Path> entries = Files.list(repository)) {
            for (Path module :
                    entries.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).toList()) {
                copyPom(module.resolve("pom.xml"), dir.resolve(module.getFileName()), tag);
            }
        }
        copyPom(repository.resolve("pom.xml"), dir, tag);
        for (String sources : List.of("udfs/src", "job/src")) {
            LocalStack.copyTree(repository.resolve(sources), dir.resolve(sources));
        }
        Path log = work.resolve("rebuild.log");
        Process build =
                new ProcessBuilder(
                                "mvn",
                                "-o",
                                "-q",
                                "-B",
                                "-pl",
                                "udfs,job",
                                "-am",
                                "package",
                                "-DskipTests",
                                "-Dspotless.check.skip=true")
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new RebuiltJar(dir, log, build);
    }

    private static void copyPom(Path pom, Path into, String versionTag) throws IOException {
        Files.createDirectories(into);
        String text =
                Files.readString(pom).replace(versionTag, "<version>" + VERSION + "</version>");
        Files.writeString(into.resolve("pom.xml"), text);
    }

    /** The rebuilt jar, once the build has ended. */
    Path jar() throws Exception {
        // A generous bound: on a loaded machine a build takes minutes.
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            throw new AssertionError("the second build did not end in 10 minutes; see " + log);
        }
        if (build.exitValue() != 0) {
            throw new AssertionError("the second build failed; see " + log);
        }
        return dir.resolve("job/target/pensu-flink-job-" + VERSION + ".jar");
    }

    void stop() {
        build.destroy();
    }
}
