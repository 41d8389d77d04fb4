package io.calltracker.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.calltracker.deployment.DeploymentFilesTest.DOCKER;
import static io.calltracker.deployment.DeploymentFilesTest.K8S;
import static io.calltracker.deployment.DeploymentFilesTest.YAML;
import static io.calltracker.deployment.DeploymentFilesTest.environment;
import static io.calltracker.deployment.DeploymentFilesTest.trackerServices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml beyond the trackers: topics created before the trackers start, the images
 * {@code make image} tags, and Prometheus and Grafana provisioned from the files in deploy/ (so
 * {@code docker compose up} shows the dashboard with live panels and evaluates the alerts), all read by
 * parsing: no Docker engine is needed.
 */
class ComposeStackTest {

    static final Path ALERTS = Path.of("deploy", "prometheus", "alerts.yaml");
    static final Path DASHBOARD = Path.of("deploy", "grafana", "tracker-dashboard.json");

    static JsonNode services;
    static Map<String, JsonNode> trackers;
    static AppConfigNames config;

    @BeforeAll
    static void read() throws IOException {
        services = YAML.readTree(DOCKER.resolve("compose.yaml").toFile()).path("services");
        trackers = trackerServices(services);
        config = AppConfigNames.ofApplication();
    }

    @Test
    void theTopicsAreCreatedUpFrontAndTheTrackersWaitForThem() {
        var properties = config.properties();
        Set<String> configured = Set.of(properties.getProperty("tracker.topic.calls-created"),
                properties.getProperty("tracker.topic.calls-completed"), properties.getProperty("tracker.topic.dead-letter"));
        Map.Entry<String, JsonNode> init = services.properties().stream()
                .filter(service -> service.getValue().path("command").toString().contains("kafka-topics.sh"))
                .findFirst().orElseThrow(() -> new AssertionError("no service runs kafka-topics.sh --create"));
        assertThat(init.getValue().path("command").toString()).contains("--create");
        assertThat(createdTopics(init.getValue().path("command"))).isEqualTo(configured);
        assertThat(environment(services.path("kafka")).get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))
                .as("a topic nobody created is an error, not a broker default").isEqualTo("false");
        for (String tracker : trackers.keySet()) {
            assertThat(waitsFor(tracker, init.getKey(), "service_completed_successfully", new HashSet<>()))
                    .as(tracker + " starts after " + init.getKey() + " succeeded").isTrue();
        }
    }

    @Test
    void theImagesAreTheOnesMakeImageBuilds() {
        List<String> images = BuildFacts.imageNames();

        trackers.forEach((name, tracker) -> assertThat(tracker.path("image").asText()).as(name).isEqualTo(images.get(0)));
        services.properties().stream()
                .filter(service -> service.getValue().path("build").path("dockerfile").asText().equals("docker/simulator.Dockerfile"))
                .forEach(simulator -> assertThat(simulator.getValue().path("image").asText()).as(simulator.getKey())
                        .isEqualTo(images.get(1)));
    }

    @Test
    void everyMountedFileExists() {
        services.properties().forEach(service -> mounts(service.getValue()).forEach((host, container) ->
                assertThat(host).as(service.getKey() + " mounts " + host + " at " + container).exists()));
    }

    @Test
    void prometheusScrapesEveryTrackersManagementPortAndLoadsTheAlerts() throws IOException {
        JsonNode prometheus = service("prom/prometheus");
        Map<Path, String> mounts = mounts(prometheus);
        String configFile = prometheus.path("command").valueStream().map(JsonNode::asText)
                .filter(arg -> arg.startsWith("--config.file=")).map(arg -> arg.substring("--config.file=".length()))
                .findFirst().orElse("/etc/prometheus/prometheus.yml");
        JsonNode settings = YAML.readTree(hostFile(mounts, configFile).toFile());
        String alertsInContainer = mounts.get(ALERTS.toAbsolutePath().normalize());
        String serviceName = YAML.readTree(K8S.resolve("base").resolve("service.yaml").toFile()).path("metadata").path("name").asText();

        assertThat(alertsInContainer).as(ALERTS + " is mounted").isNotNull();
        assertThat(settings.path("rule_files").valueStream().map(JsonNode::asText))
                .as("rule_files load " + alertsInContainer)
                .anyMatch(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(alertsInContainer)));
        JsonNode job = settings.path("scrape_configs").valueStream()
                .filter(scrape -> scrape.path("job_name").asText().equals(serviceName)).findFirst()
                .orElseThrow(() -> new AssertionError("no scrape job named " + serviceName
                        + " (the Kubernetes Service's name: the job label the alerts select)"));
        assertThat(job.path("metrics_path").asText()).isEqualTo(KubernetesFilesTest.METRICS_PATH);
        Set<String> expected = new HashSet<>();
        trackers.forEach((name, tracker) -> expected.add(name + ":" + managementPort(tracker)));
        assertThat(new HashSet<>(job.path("static_configs").findValues("targets").stream()
                .flatMap(JsonNode::valueStream).map(JsonNode::asText).toList())).isEqualTo(expected);
    }

    @Test
    void grafanaShowsTheDashboardOnThatPrometheus() throws IOException {
        JsonNode grafana = service("grafana/grafana");
        Map<Path, String> mounts = mounts(grafana);
        Path provisioning = hostFile(mounts, "/etc/grafana/provisioning");
        String dashboardInContainer = mounts.get(DASHBOARD.toAbsolutePath().normalize());
        String prometheusName = serviceName("prom/prometheus");

        assertThat(dashboardInContainer).as(DASHBOARD + " is mounted").isNotNull();
        List<JsonNode> sources = yamlFiles(provisioning.resolve("datasources")).stream()
                .flatMap(file -> file.path("datasources").valueStream()).filter(s -> s.path("type").asText().equals("prometheus")).toList();
        assertThat(sources).as("a Prometheus data source").hasSize(1);
        assertThat(sources.get(0).path("url").asText()).isEqualTo("http://" + prometheusName + ":9090");
        List<String> dashboardFolders = yamlFiles(provisioning.resolve("dashboards")).stream()
                .flatMap(file -> file.path("providers").valueStream()).map(p -> p.path("options").path("path").asText()).toList();
        assertThat(dashboardFolders).as("a provider loads " + dashboardInContainer)
                .anyMatch(folder -> Path.of(dashboardInContainer).getParent().equals(Path.of(folder)));
        String home = environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        if (home != null) {
            assertThat(home).isEqualTo(dashboardInContainer);
        }
        JsonNode variable = YAML.readTree(DASHBOARD.toFile()).path("templating").path("list").valueStream()
                .filter(v -> v.path("type").asText().equals("datasource")).findFirst().orElseThrow();
        assertThat(variable.path("query").asText()).as("the dashboard picks a Prometheus data source").isEqualTo("prometheus");
    }

    @Test
    void trackersPublishAndCheckTheirManagementPort() {
        trackers.forEach((name, tracker) -> {
            int management = managementPort(tracker);
            assertThat(DeploymentFilesTest.containerPorts(tracker)).as(name).contains(management);
            JsonNode check = tracker.path("healthcheck").path("test");
            if (!check.isMissingNode()) {
                assertThat(check.toString()).as(name + " healthcheck").contains(":" + management + "/q/health/");
            }
        });
    }

    /** The topics of {@code for t in a b c; do … --topic "$t"} or of literal --topic arguments. */
    static Set<String> createdTopics(JsonNode command) {
        String script = command.isArray() ? String.join("\n", command.valueStream().map(JsonNode::asText).toList()) : command.asText();
        Matcher loop = Pattern.compile("for\\s+\\w+\\s+in\\s+([^;\\n]+)[;\\n]").matcher(script);
        Set<String> topics = new HashSet<>();
        if (loop.find()) {
            topics.addAll(List.of(loop.group(1).strip().split("\\s+")));
        }
        Matcher literal = Pattern.compile("--topic\\s+\"?([A-Za-z0-9._-]+)").matcher(script);
        while (literal.find()) {
            topics.add(literal.group(1));
        }
        return topics;
    }

    static boolean waitsFor(String service, String dependency, String condition, Set<String> seen) {
        if (!seen.add(service)) {
            return false;
        }
        JsonNode dependsOn = services.path(service).path("depends_on");
        if (dependsOn.path(dependency).path("condition").asText().equals(condition)) {
            return true;
        }
        List<String> others = new ArrayList<>();
        dependsOn.fieldNames().forEachRemaining(others::add);
        return others.stream().anyMatch(other -> waitsFor(other, dependency, condition, seen));
    }

    static int managementPort(JsonNode tracker) {
        return Integer.parseInt(environment(tracker).getOrDefault("QUARKUS_MANAGEMENT_PORT",
                config.properties().getProperty("quarkus.management.port", "9000")));
    }

    /** Bind mounts of a service: absolute host path to container path. */
    static Map<Path, String> mounts(JsonNode service) {
        Map<Path, String> mounts = new LinkedHashMap<>();
        service.path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(DOCKER.resolve(parts[0]).toAbsolutePath().normalize(), parts[1]);
            }
        });
        return mounts;
    }

    /** The host file behind a container path, through the mount that contains it. */
    static Path hostFile(Map<Path, String> mounts, String containerPath) {
        for (Map.Entry<Path, String> mount : mounts.entrySet()) {
            if (containerPath.equals(mount.getValue()) || containerPath.startsWith(mount.getValue() + "/")) {
                return mount.getKey().resolve(containerPath.substring(mount.getValue().length()).replaceFirst("^/", ""));
            }
        }
        throw new AssertionError("nothing is mounted at " + containerPath);
    }

    static JsonNode service(String imagePrefix) {
        return services.path(serviceName(imagePrefix));
    }

    static String serviceName(String imagePrefix) {
        return services.properties().stream().filter(s -> s.getValue().path("image").asText().startsWith(imagePrefix + ":"))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no " + imagePrefix + " service"));
    }

    static List<JsonNode> yamlFiles(Path directory) throws IOException {
        assertThat(directory).isDirectory();
        try (Stream<Path> files = Files.list(directory)) {
            List<JsonNode> documents = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                documents.add(YAML.readTree(file.toFile()));
            }
            return documents;
        }
    }
}
