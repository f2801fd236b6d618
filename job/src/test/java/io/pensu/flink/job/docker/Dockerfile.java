package io.pensu.flink.job.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instructions of a Dockerfile that the stack's tests check: the base image, what COPY puts
 * where, and the RUN commands.
 *
 * @param baseImage the FROM image
 * @param copies source (relative to the build context) to destination in the image
 * @param runCommands each RUN instruction's command, continuation lines joined
 * @param user the last USER instruction's user, which the containers run as; null without one
 */
record Dockerfile(
        String baseImage, Map<String, String> copies, List<String> runCommands, String user) {

    static Dockerfile read(Path file) {
        String baseImage = null;
        Map<String, String> copies = new LinkedHashMap<>();
        List<String> runCommands = new ArrayList<>();
        String user = null;
        for (String instruction : instructions(file)) {
            String[] words = instruction.split("\\s+");
            switch (words[0].toUpperCase()) {
                case "FROM" -> baseImage = words[1];
                case "COPY" -> {
                    List<String> operands =
                            Arrays.stream(words, 1, words.length)
                                    .filter(w -> !w.startsWith("--"))
                                    .toList();
                    String destination = operands.get(operands.size() - 1);
                    operands.subList(0, operands.size() - 1)
                            .forEach(source -> copies.put(source, destination));
                }
                case "RUN" -> runCommands.add(instruction.substring(3).trim());
                case "USER" -> user = words[1];
                default -> {}
            }
        }
        return new Dockerfile(baseImage, copies, runCommands, user);
    }

    /** The destination in the image of a copied source. */
    String destinationOf(String source) {
        String destination = copies.get(source);
        if (destination == null) {
            throw new AssertionError("the Dockerfile does not copy " + source + ": " + copies);
        }
        return destination;
    }

    private static List<String> instructions(Path file) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                } else {
                    instructions.add(current.append(trimmed).toString());
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return instructions;
    }
}
