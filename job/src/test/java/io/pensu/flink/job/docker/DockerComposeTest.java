package io.pensu.flink.job.docker;

import io.pensu.flink.job.JobTopics;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Setting;
import io.pensu.flink.job.config.Settings;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pensu.flink.job.docker.DockerStack.SUBMIT_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** docker/compose.yaml agrees with the job, the image and flink-conf/. */
class DockerComposeTest {

    private static final List<String> FLINK_SERVICES =
            List.of("jobmanager", "taskmanager", SUBMIT_SERVICE);
    private static final List<String> CLUSTER_SERVICES = List.of("jobmanager", "taskmanager");

    /** Services that run the image the jobmanager service builds. */
    private static final List<String> PENSU_IMAGE_SERVICES =
            List.of("taskmanager", SUBMIT_SERVICE, "generator", "graphite-forwarder");

    private static final Pattern PENSU_NAME = Pattern.compile("PENSU_[A-Z0-9_]+");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[^\\s:@]+:[^\\s:@]+");

    private final ComposeFile compose = DockerStack.compose();
    private final Dockerfile dockerfile = DockerStack.dockerfile();

    @Test
    void everyPensuVariableTheStackSetsIsOneTheJobKnows() {
        List<String> named = new ArrayList<>();
        for (String service : compose.services()) {
            named.addAll(compose.environment(service).keySet());
            compose.command(service).forEach(word -> named.add(word.replaceFirst("^--", "")));
        }
        List<String> pensuNames =
                named.stream().filter(name -> PENSU_NAME.matcher(name).matches()).toList();

        assertThat(pensuNames).isNotEmpty();
        assertThat(pensuNames)
                .allSatisfy(
                        name ->
                                assertThat(Settings.all().stream().map(Setting::name))
                                        .as("variables the job knows")
                                        .contains(name));
    }

    @Test
    void jobConfigurationOfTheStackLoadsWithoutErrorsOrWarnings() {
        assertThatCode(() -> DockerStack.jobConfig(compose)).doesNotThrowAnyException();
        assertThat(DockerStack.jobConfig(compose).warnings()).isEmpty();
    }

    @Test
    void jobManagerHasTheSameJobEnvironmentAsTheSubmitClient() {
        // A jar run from the web UI or the REST API runs main() in the JobManager.
        assertThat(DockerStack.pensuEnvironment(compose, "jobmanager"))
                .isNotEmpty()
                .isEqualTo(DockerStack.pensuEnvironment(compose, SUBMIT_SERVICE));
    }

    @Test
    void everyImageIsPinnedToATag() {
        Map<String, String> images = new LinkedHashMap<>();
        compose.services()
                .forEach(service -> images.put(service, compose.image(service).orElse("")));
        images.put("Dockerfile FROM", dockerfile.baseImage());

        assertThat(images)
                .allSatisfy(
                        (where, image) ->
                                assertThat(image)
                                        .as("image of %s", where)
                                        .matches(PINNED_IMAGE)
                                        .doesNotEndWith(":latest"));
    }

    @Test
    void imagesAreTheVersionsTheBuildUses() {
        assertThat(dockerfile.baseImage())
                .startsWith("flink:" + DockerStack.flinkVersion() + "-")
                .endsWith("-java17");
        assertThat(compose.image("kafka")).contains("apache/kafka:" + DockerStack.kafkaVersion());
        assertThat(compose.image("kafka-topics")).isEqualTo(compose.image("kafka"));
        assertThat(compose.image("jobmanager"))
                .contains("pensu-flink:" + DockerStack.projectVersion());
        assertThat(PENSU_IMAGE_SERVICES)
                .allSatisfy(
                        service ->
                                assertThat(compose.image(service))
                                        .as("image of %s", service)
                                        .isEqualTo(compose.image("jobmanager")));
    }

    @Test
    void topicsCreatedAreTheTopicsTheJobUses() {
        assertThat(compose.environment("kafka-topics").get("TOPICS").split(" "))
                .containsExactlyInAnyOrderElementsOf(JobTopics.of(DockerStack.jobConfig(compose)));
    }

    @Test
    void jobReachesKafkaAtTheKafkaServicesInternalListener() {
        PensuConfig config = DockerStack.jobConfig(compose);
        String internal = "INTERNAL://" + config.get(Settings.KAFKA_CONSUMER_SERVER);

        assertThat(config.get(Settings.KAFKA_PRODUCER_SERVER))
                .isEqualTo(config.get(Settings.KAFKA_CONSUMER_SERVER));
        assertThat(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
                .startsWith(internal + ",");
    }

    @Test
    void generatorWritesTheJobsInputTopic() {
        PensuConfig config = DockerStack.jobConfig(compose);

        assertThat(compose.commandOption("generator", "--topic"))
                .contains(config.get(Settings.METRICS_KAFKA_TOPIC));
        assertThat(compose.commandOption("generator", "--bootstrap-servers"))
                .contains(config.get(Settings.KAFKA_CONSUMER_SERVER));
        assertThat(compose.commandOption("generator", "--sources")).contains("host,nab-aws");
    }

    @Test
    void forwarderCarriesTheInputAndTheJobsGraphiteLinesToGraphite() {
        PensuConfig config = DockerStack.jobConfig(compose);

        assertThat(compose.commandOption("graphite-forwarder", "--topics").orElseThrow().split(","))
                .containsExactlyInAnyOrder(
                        config.get(Settings.METRICS_KAFKA_TOPIC),
                        config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                        config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC));
        assertThat(compose.commandOption("graphite-forwarder", "--bootstrap-servers"))
                .contains(config.get(Settings.KAFKA_PRODUCER_SERVER));
        assertThat(compose.commandOption("graphite-forwarder", "--graphite"))
                .contains("graphite:2003");
        assertThat(compose.services()).contains("graphite");
    }

    @Test
    void submitClientRunsTheJobJarTheImageContains() {
        String jarInImage = dockerfile.destinationOf(DockerStack.jobJar());

        assertThat(compose.command(SUBMIT_SERVICE))
                .startsWith(dockerfile.destinationOf("docker/bin/") + "submit-job.sh", jarInImage);
    }

    @Test
    void toolServicesRunTheToolJarsTheImageContains() {
        assertThat(compose.entrypoint("generator"))
                .containsExactly(
                        "java", "-jar", dockerfile.destinationOf(DockerStack.toolJar("generator")));
        assertThat(compose.entrypoint("graphite-forwarder"))
                .containsExactly(
                        "java", "-jar", dockerfile.destinationOf(DockerStack.toolJar("graphite")));
    }

    @Test
    void flinkServicesStartWithTheRepositorysFlinkConf() throws Exception {
        String entrypoint = dockerfile.destinationOf("docker/bin/") + "flink-entrypoint.sh";
        String copiedConf = copiedConfDirectory();

        assertThat(FLINK_SERVICES)
                .allSatisfy(
                        service -> {
                            assertThat(compose.entrypoint(service)).containsExactly(entrypoint);
                            assertThat(compose.volumes(service))
                                    .anySatisfy(
                                            mount -> {
                                                assertThat(compose.hostPath(mount))
                                                        .isEqualTo(DockerStack.FLINK_CONF);
                                                assertThat(mount.target()).isEqualTo(copiedConf);
                                            });
                        });
    }

    @Test
    void checkpointsAndSavepointsGoToOneVolumeSharedByTheCluster() {
        assertThat(CLUSTER_SERVICES)
                .allSatisfy(
                        service -> {
                            Map<String, String> conf = flinkConfiguration(service);
                            Path checkpoints = localPath(conf, "execution.checkpointing.dir");
                            Path savepoints =
                                    localPath(conf, "execution.checkpointing.savepoint-dir");

                            assertThat(compose.volumes(service))
                                    .as("volumes of %s", service)
                                    .anySatisfy(
                                            mount -> {
                                                assertThat(mount.source()).isEqualTo("flink-state");
                                                assertThat(checkpoints)
                                                        .startsWithRaw(Path.of(mount.target()));
                                                assertThat(savepoints)
                                                        .startsWithRaw(Path.of(mount.target()));
                                            });
                            assertThat(dockerfile.runCommands())
                                    .as("directories the image creates")
                                    .anySatisfy(
                                            run ->
                                                    assertThat(run)
                                                            .startsWith("mkdir -p")
                                                            .contains(checkpoints.toString())
                                                            .contains(savepoints.toString()));
                        });
        assertThat(compose.namedVolumes()).contains("flink-state");
    }

    @Test
    void publishedPortsListenOnTheHostsLoopbackInterfaceOnly() {
        List<String> published = new ArrayList<>();
        compose.services().forEach(service -> published.addAll(compose.ports(service)));

        assertThat(published)
                .as("ports the stack publishes")
                .hasSize(4)
                .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
    }

    @Test
    void webUiAndRestApiCannotUploadAndRunJars() {
        assertThat(flinkConfiguration("jobmanager")).containsEntry("web.submit.enable", "false");
    }

    @Test
    void grafanaLetsAnonymousVisitorsViewOnly() {
        Map<String, String> grafana = compose.environment("grafana");

        if (Boolean.parseBoolean(grafana.getOrDefault("GF_AUTH_ANONYMOUS_ENABLED", "false"))) {
            assertThat(grafana).containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
        }
    }

    /** flink-conf/config.yaml with the FLINK_PROPERTIES the image's entrypoint applies to it. */
    private Map<String, String> flinkConfiguration(String service) {
        Map<String, String> conf = new LinkedHashMap<>();
        JsonNode configYaml = ComposeFile.readYaml(DockerStack.FLINK_CONF.resolve("config.yaml"));
        configYaml.fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        String properties = compose.environment(service).getOrDefault("FLINK_PROPERTIES", "");
        properties
                .lines()
                .filter(line -> line.contains(":"))
                .forEach(
                        line -> {
                            String[] keyAndValue = line.split(":", 2);
                            conf.put(keyAndValue[0].trim(), keyAndValue[1].trim());
                        });
        return conf;
    }

    private static Path localPath(Map<String, String> conf, String key) {
        URI uri = URI.create(conf.get(key));
        assertThat(uri.getScheme()).as(key).isEqualTo("file");
        return Path.of(uri.getPath());
    }

    /** The directory flink-entrypoint.sh copies into Flink's conf/. */
    private static String copiedConfDirectory() throws Exception {
        String script = Files.readString(DockerStack.DOCKER.resolve("bin/flink-entrypoint.sh"));
        Matcher copy =
                Pattern.compile("(?m)^cp (\\S+)/\\* \"\\$FLINK_HOME/conf/\"$").matcher(script);
        assertThat(copy.find()).as("flink-entrypoint.sh copies a directory to conf/").isTrue();
        return copy.group(1);
    }
}
