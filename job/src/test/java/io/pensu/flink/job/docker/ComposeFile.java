package io.pensu.flink.job.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Docker Compose file as Compose reads it, for the parts the stack's tests compare with the code:
 * images, environments (env_file included), commands and volumes of each service.
 */
final class ComposeFile {

    /** A volume line of a service: a named volume or a host path, mounted at {@code target}. */
    record Mount(String source, String target) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode root;
    private final Path directory;

    private ComposeFile(JsonNode root, Path directory) {
        this.root = root;
        this.directory = directory;
    }

    static ComposeFile read(Path file) {
        return new ComposeFile(readYaml(file), file.toAbsolutePath().getParent());
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> services() {
        Set<String> names = new LinkedHashSet<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    Set<String> namedVolumes() {
        Set<String> names = new LinkedHashSet<>();
        root.path("volumes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    Optional<String> image(String service) {
        JsonNode image = service(service).path("image");
        return image.isMissingNode() ? Optional.empty() : Optional.of(image.asText());
    }

    /** The env_file entries first, then {@code environment}, which overrides them. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String envFile : strings(service(service).path("env_file"))) {
            environment.putAll(readEnvFile(directory.resolve(envFile)));
        }
        JsonNode declared = service(service).path("environment");
        if (declared.isObject()) {
            declared.fields()
                    .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        } else {
            strings(declared).forEach(assignment -> assign(environment, assignment));
        }
        return environment;
    }

    List<String> entrypoint(String service) {
        return strings(service(service).path("entrypoint"));
    }

    List<String> command(String service) {
        return strings(service(service).path("command"));
    }

    /** The value after {@code flag} in the service's command. */
    Optional<String> commandOption(String service, String flag) {
        List<String> command = command(service);
        int at = command.indexOf(flag);
        return at < 0 || at + 1 >= command.size()
                ? Optional.empty()
                : Optional.of(command.get(at + 1));
    }

    /** The service's published ports, each as written: [HOST_IP:]HOST_PORT:CONTAINER_PORT. */
    List<String> ports(String service) {
        return strings(service(service).path("ports"));
    }

    List<Mount> volumes(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (String volume : strings(service(service).path("volumes"))) {
            String[] parts = volume.split(":");
            mounts.add(new Mount(parts[0], parts[1]));
        }
        return mounts;
    }

    /**
     * A host path of a volume line, which Compose resolves against the compose file's directory.
     */
    Path hostPath(Mount mount) {
        return directory.resolve(mount.source()).normalize();
    }

    private JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new IllegalArgumentException("compose file has no service " + name);
        }
        return service;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }

    /** Compose's env file format: NAME=value lines, # comments. */
    private static Map<String, String> readEnvFile(Path file) {
        Map<String, String> environment = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    assign(environment, trimmed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
    }

    /** {@code NAME=value}; a bare {@code NAME} is an empty value. */
    private static void assign(Map<String, String> environment, String assignment) {
        String[] nameAndValue = assignment.split("=", 2);
        environment.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
    }
}
