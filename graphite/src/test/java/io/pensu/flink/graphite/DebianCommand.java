package io.pensu.flink.graphite;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A command the integration tests run, found on the PATH as Debian's package installs it. */
final class DebianCommand {

    private DebianCommand() {}

    /**
     * @throws AssertionError naming the package to install (.ci/run installs it) when missing
     */
    static Path find(String command, String debianPackage) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "'"
                                                + command
                                                + "' is not on the PATH; install it: apt-get"
                                                + " install "
                                                + debianPackage));
    }
}
