package io.pensu.flink.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second TaskManager process of the local stack's cluster, started as scripts/flink-cluster.sh
 * starts its own: the same lib/ and conf/, with the JVM flags and memory settings that Flink's
 * BashJavaUtils derives from the configuration.
 */
final class ExtraTaskManager {

    private static final String ID = "pensu-e2e-extra-taskmanager";

    private final LocalStack stack;
    private Process process;

    ExtraTaskManager(LocalStack stack) {
        this.stack = stack;
    }

    void start() throws Exception {
        Path flink = stack.stateDir.resolve("flink");
        String classpath = flink.resolve("lib") + "/*";
        String conf = flink.resolve("conf").toString();
        List<String> params = resourceParams(classpath, conf);
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(split(params.get(0)));
        command.addAll(split(javaOpts(flink.resolve("conf/config.yaml"))));
        command.addAll(
                List.of(
                        "-Dlog.file=" + flink.resolve("log/taskmanager-extra.log"),
                        "-Dlog4j.configurationFile=file:" + flink.resolve("conf/log4j.properties"),
                        "-cp",
                        classpath,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        "--configDir",
                        conf));
        command.addAll(split(params.get(1)));
        command.addAll(List.of("-D", "taskmanager.resource-id=" + ID));
        process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(flink.resolve("log/taskmanager-extra.out").toFile())
                        .start();
        LocalStack.await(
                "the second TaskManager registers", () -> process.isAlive() && registered());
    }

    void stop() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
        LocalStack.await("the JobManager forgets the second TaskManager", () -> !registered());
    }

    private boolean registered() {
        try {
            return stack.taskManagers().contains(ID);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** BashJavaUtils' two result lines: JVM memory flags, then dynamic -D properties. */
    private static List<String> resourceParams(String classpath, String conf) throws Exception {
        Process utils =
                new ProcessBuilder(
                                "java",
                                "-cp",
                                classpath,
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                "GET_TM_RESOURCE_PARAMS",
                                "--configDir",
                                conf)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(utils.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> results =
                output.lines()
                        .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()))
                        .toList();
        if (utils.waitFor() != 0 || results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils failed: " + output);
        }
        return results.subList(results.size() - 2, results.size());
    }

    private static String javaOpts(Path config) throws IOException {
        return Files.readAllLines(config).stream()
                .filter(l -> l.startsWith("env.java.opts.all:"))
                .map(l -> l.substring("env.java.opts.all:".length()))
                .reduce((first, last) -> last)
                .orElse("");
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }
}
