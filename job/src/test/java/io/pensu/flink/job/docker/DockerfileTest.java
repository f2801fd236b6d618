package io.pensu.flink.job.docker;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/Dockerfile copies what the Maven build produces. */
class DockerfileTest {

    private static final List<String> TOOL_MODULES = List.of("generator", "graphite");

    private final Dockerfile dockerfile = DockerStack.dockerfile();

    @Test
    void copiesTheShadedJobJarTheBuildProduces() {
        assertThat(dockerfile.copies()).containsKey(DockerStack.jobJar());
    }

    @Test
    void copiesEachToolJarUnderTheNameItsModuleBuilds() throws Exception {
        for (String module : TOOL_MODULES) {
            String jar = DockerStack.toolJar(module);
            assertThat(dockerfile.copies()).containsKey(jar);

            Path pom = DockerStack.REPOSITORY.resolve(module).resolve("pom.xml");
            if (Files.exists(pom)) {
                assertThat(artifactIdAndVersion(pom))
                        .as("%s follows the naming convention", pom)
                        .isEqualTo("pensu-flink-" + module + ":" + DockerStack.projectVersion());
            }
            Path target = DockerStack.REPOSITORY.resolve(module).resolve("target");
            if (builtJars(target, module)) {
                assertThat(DockerStack.REPOSITORY.resolve(jar)).as("built tool jar").exists();
            }
        }
    }

    @Test
    void buildContextLetsInEveryCopiedFile() throws Exception {
        List<String> allowed =
                Files.readAllLines(DockerStack.DOCKER.resolve("Dockerfile.dockerignore")).stream()
                        .filter(line -> line.startsWith("!"))
                        .map(line -> line.substring(1))
                        .toList();

        assertThat(dockerfile.copies().keySet())
                .allSatisfy(
                        source ->
                                assertThat(allowed)
                                        .as("patterns letting in %s", source)
                                        .anySatisfy(
                                                pattern ->
                                                        assertThat(matches(pattern, source))
                                                                .isTrue()));
    }

    @Test
    void scriptsTheImageRunsAreExecutable() {
        Path bin = DockerStack.DOCKER.resolve("bin");

        assertThat(List.of("flink-entrypoint.sh", "submit-job.sh"))
                .allSatisfy(script -> assertThat(bin.resolve(script)).isExecutable());
        assertThat(dockerfile.copies()).containsEntry("docker/bin/", "/opt/pensu/bin/");
    }

    @Test
    void containersRunAsAnUnprivilegedUser() {
        assertThat(dockerfile.user()).isNotNull().isNotIn("root", "0", "0:0");
        assertThat(dockerfile.runCommands())
                .as("directories the image creates belong to the user its services run as")
                .filteredOn(run -> run.startsWith("mkdir "))
                .isNotEmpty()
                .allSatisfy(run -> assertThat(run).contains("chown -R " + dockerfile.user() + ":"));
    }

    private static boolean matches(String pattern, String source) {
        String directory = pattern.endsWith("/") ? pattern + "**" : pattern;
        return source.equals(pattern)
                || FileSystems.getDefault()
                        .getPathMatcher("glob:" + directory)
                        .matches(Path.of(source));
    }

    private static boolean builtJars(Path target, String module) throws Exception {
        if (!Files.isDirectory(target)) {
            return false;
        }
        try (var files = Files.list(target)) {
            return files.anyMatch(
                    f -> f.getFileName().toString().matches("pensu-flink-" + module + "-.*\\.jar"));
        }
    }

    /** artifactId:version of a module pom; the version is the parent's unless it has its own. */
    private static String artifactIdAndVersion(Path pom) throws Exception {
        Document document =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Element project = document.getDocumentElement();
        String version = childText(project, "version");
        if (version == null) {
            version =
                    childText((Element) project.getElementsByTagName("parent").item(0), "version");
        }
        return childText(project, "artifactId") + ":" + version;
    }

    private static String childText(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
