package io.pensu.flink.job.docker;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flink and Kafka versions are spelled once, in the root pom: the local stack's jars
 * (scripts/jars/*&#47;pom.xml) take them from the scripts, which read the root pom, and the Docker
 * images are checked against them by {@link DockerfileTest} and {@link DockerComposeTest}.
 */
class VersionsInOnePlaceTest {

    private static final Path SCRIPTS = DockerStack.REPOSITORY.resolve("scripts");

    /** groupId of the local stack's dependencies -> the root pom property of their version. */
    private static final Map<String, String> VERSION_PROPERTIES =
            Map.of("org.apache.flink", "flink.version", "org.apache.kafka", "kafka.version");

    @Test
    void theLocalStackPomsTakeFlinkAndKafkaVersionsFromTheRootPom() throws Exception {
        List<Path> poms =
                files(SCRIPTS.resolve("jars")).filter(p -> p.endsWith("pom.xml")).toList();
        assertThat(poms).hasSize(2);
        for (Path pom : poms) {
            Document document =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            for (String property : VERSION_PROPERTIES.values()) {
                assertThat(document.getElementsByTagName(property).getLength())
                        .as("%s defines %s itself", pom, property)
                        .isZero();
            }
            NodeList dependencies = document.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String property = VERSION_PROPERTIES.get(text(dependency, "groupId"));
                if (property != null) {
                    assertThat(text(dependency, "version"))
                            .as("%s: version of %s", pom, text(dependency, "artifactId"))
                            .isEqualTo("${" + property + "}");
                }
            }
        }
    }

    @Test
    void noScriptSpellsTheFlinkOrKafkaVersion() {
        List<String> spelled = new ArrayList<>();
        Stream.concat(files(SCRIPTS), files(DockerStack.REPOSITORY.resolve(".ci")))
                .forEach(
                        file -> {
                            String content = read(file);
                            for (String version :
                                    List.of(
                                            DockerStack.flinkVersion(),
                                            DockerStack.kafkaVersion())) {
                                if (content.contains(version)) {
                                    spelled.add(file + " spells " + version);
                                }
                            }
                        });
        assertThat(spelled).as("read the root pom through scripts/lib/versions.sh").isEmpty();
    }

    private static Stream<Path> files(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? null : children.item(0).getTextContent().trim();
    }
}
