package io.pensu.flink.job.docker;

import io.pensu.flink.job.config.PensuConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Docker stack under docker/ and the build facts it must agree with, which the job module's
 * surefire configuration passes in as system properties.
 */
final class DockerStack {

    static final Path REPOSITORY = Path.of(property("pensu.repository.dir")).normalize();
    static final Path DOCKER = REPOSITORY.resolve("docker");
    static final Path FLINK_CONF = REPOSITORY.resolve("flink-conf");

    /** The service that submits the job: `flink run` builds the job there, from its environment. */
    static final String SUBMIT_SERVICE = "submit-job";

    private DockerStack() {}

    static ComposeFile compose() {
        return ComposeFile.read(DOCKER.resolve("compose.yaml"));
    }

    static Dockerfile dockerfile() {
        return Dockerfile.read(DOCKER.resolve("Dockerfile"));
    }

    /** The shaded job jar, as the repository-relative path the build writes it to. */
    static String jobJar() {
        return REPOSITORY.relativize(Path.of(property("pensu.job.jar")).normalize()).toString();
    }

    /**
     * A tool module's jar, by the modules' naming convention: artifactId pensu-flink-MODULE and the
     * parent's version.
     */
    static String toolJar(String module) {
        return module + "/target/pensu-flink-" + module + "-" + projectVersion() + ".jar";
    }

    static String projectVersion() {
        return property("pensu.version");
    }

    static String flinkVersion() {
        return property("pensu.flink.version");
    }

    static String kafkaVersion() {
        return property("pensu.kafka.version");
    }

    /** The PENSU_* variables a service's environment sets. */
    static Map<String, String> pensuEnvironment(ComposeFile compose, String service) {
        Map<String, String> pensu = new TreeMap<>();
        compose.environment(service)
                .forEach(
                        (name, value) -> {
                            if (name.startsWith("PENSU_")) {
                                pensu.put(name, value);
                            }
                        });
        return pensu;
    }

    /** The program arguments submit-job passes to the job: its command after the script and jar. */
    static String[] jobArguments(ComposeFile compose) {
        List<String> command = compose.command(SUBMIT_SERVICE);
        return command.subList(2, command.size()).toArray(String[]::new);
    }

    /** The job's configuration as the stack submits it. */
    static PensuConfig jobConfig(ComposeFile compose) {
        return PensuConfig.load(
                pensuEnvironment(compose, SUBMIT_SERVICE),
                jobArguments(compose),
                Clock.systemUTC(),
                SUBMIT_SERVICE);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "system property " + name + " is not set; job/pom.xml's surefire sets it");
        }
        return value;
    }
}
