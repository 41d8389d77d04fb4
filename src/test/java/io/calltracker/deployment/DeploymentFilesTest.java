package io.calltracker.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaging files parsed and checked against the application: docker/ (Dockerfile, compose),
 * deploy/k8s manifests, the Grafana dashboard and the Prometheus alerts. No Docker engine or cluster
 * is needed; {@code make deploy-check} runs this class.
 */
class DeploymentFilesTest {

    static final Path DOCKER = Path.of("docker");
    static final Path K8S = Path.of("deploy", "k8s");
    /** The kustomize base: plain Kubernetes objects (overlays and components: KubernetesFilesTest). */
    static final Path K8S_BASE = K8S.resolve("base");
    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    static final String STARTED = "/q/health/started";
    static final String PLACEHOLDER = "REPLACE_ME";
    static final Path ALERTS = Path.of("deploy", "prometheus", "alerts.yaml");

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    static AppConfigNames config;
    static int healthPort;
    static int httpPort;
    static AppConfigNames simulatorConfig;
    static int simulatorPort;

    @BeforeAll
    static void readTheApplication() {
        config = AppConfigNames.ofApplication();
        healthPort = healthPort(config.properties());
        httpPort = Integer.parseInt(config.properties().getProperty("quarkus.http.port", "8080"));
        simulatorConfig = AppConfigNames.ofSimulator();
        // quarkus.http.port=${SIMULATOR_PORT:8090}
        simulatorPort = Integer.parseInt(simulatorConfig.properties().getProperty("quarkus.http.port")
                .replaceFirst("^\\$\\{[A-Z_]+:(\\d+)}$", "$1"));
    }

    /** The checks below are only as good as these two readers. */
    @Test
    void theCheckersKnowTheAppsSettingsAndMetricsAndNothingElse() {
        assertThat(config.knowsEnv("TRACKER_POLL_MAX_INTERVAL")).as("application.properties key").isTrue();
        assertThat(config.knowsEnv("TRACKER_RETENTION_KEEP_MONTHS")).as("@ConfigMapping only").isTrue();
        assertThat(config.knowsEnv("SIMULATOR_TIME_SCALE")).as("the simulator's, not the daemon's").isFalse();
        assertThat(simulatorConfig.knowsEnv("SIMULATOR_TIME_SCALE")).as("simulator key").isTrue();
        assertThat(simulatorConfig.knowsEnv("SIMULATOR_PORT")).as("simulator ${ENV} reference").isTrue();
        assertThat(simulatorConfig.knowsEnv("TRACKER_POLL_MAX_INTERVAL")).as("the daemon's").isFalse();
        assertThat(config.knowsProperty("exotel.accounts.\"acme-2\".api-token")).as("map of groups").isTrue();
        assertThat(config.knowsEnv("TRACKER_POLL_MAX_INTRVAL")).as("typo").isFalse();
        assertThat(config.knowsEnv("EXOTEL_API_SECRET")).as("not a setting").isFalse();
        assertThat(config.knowsEnv("KAFKA_SASL_JAAS_CONFIG")).as("Kafka client setting").isTrue();
        assertThat(config.knowsEnv("KAFKA_SSL_TRUSTSTORE_LOCATION")).as("Kafka client setting").isTrue();
        assertThat(config.knowsEnv("KAFKA_SASL_JASS_CONFIG")).as("typo of a Kafka client setting").isFalse();
        assertThat(config.knowsEnv("QUARKUS_MANAGEMENT_PORT")).as("Quarkus setting").isTrue();
        assertThat(PromQl.metricNames("histogram_quantile(0.9, sum by (le) (rate(a_bucket{x=~\"$y\"}[5m]))) > 1e3"
                + " and on (account) b offset 5m")).containsExactlyInAnyOrder("a_bucket", "b");
    }

    @Test
    void theDockerfileBuildsOnAJdkRunsOnAJreAsNonRootAndChecksLiveness() throws IOException {
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve("Dockerfile"));
        List<String> stages = dockerfile.all("FROM");

        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages.get(0)).contains("temurin-17").endsWith(" AS build");
        assertThat(stages.get(stages.size() - 1)).startsWith("eclipse-temurin:17-jre");
        assertThat(dockerfile.all("COPY")).anyMatch(copy -> copy.contains("--from=build") && copy.contains("target/quarkus-app/"));
        String user = dockerfile.last("USER");
        assertThat(user).isNotNull().isNotIn("root", "0").doesNotStartWith("0:").doesNotStartWith("root:");
        assertThat(dockerfile.last("HEALTHCHECK")).contains("CMD").contains(LIVE).contains(Integer.toString(healthPort));
        assertThat(exposed(dockerfile)).contains(Integer.toString(healthPort));
        // Quarkus reads config/application.properties under the working directory.
        assertThat(dockerfile.last("WORKDIR")).isEqualTo("/deployments");
        assertThat(dockerfile.last("ENTRYPOINT")).contains("quarkus-run.jar");
    }

    @Test
    void composeRunsKafkaInKraftModePostgresAndTrackersWiredToThem() throws IOException {
        JsonNode services = YAML.readTree(DOCKER.resolve("compose.yaml").toFile()).path("services");
        JsonNode kafka = services.path("kafka");
        JsonNode postgres = services.path("postgres");
        Map<String, String> kafkaEnv = environment(kafka);
        Map<String, String> postgresEnv = environment(postgres);

        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
        assertThat(kafkaEnv).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(postgres.path("image").asText()).isEqualTo("postgres:15");

        Map<String, JsonNode> trackers = trackerServices(services);
        assertThat(trackers).containsKey("tracker");
        for (Map.Entry<String, JsonNode> tracker : trackers.entrySet()) {
            Map<String, String> env = environment(tracker.getValue());
            assertThat(env.keySet()).as(tracker.getKey() + " env").allMatch(config::knowsEnv, "is read by the app");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS")).contains("//kafka:9092");
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + postgresEnv.get("POSTGRES_DB"));
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(postgresEnv.get("POSTGRES_USER"));
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(postgresEnv.get("POSTGRES_PASSWORD"));
            assertThat(containerPorts(tracker.getValue())).as(tracker.getKey() + " ports").contains(healthPort);
            assertThat(DOCKER.resolve(tracker.getValue().path("build").path("context").asText())
                    .resolve(tracker.getValue().path("build").path("dockerfile").asText())).exists();
        }
        // kafka-init waits for a healthy broker and creates the topics (ComposeStackTest).
        assertThat(services.path("tracker").path("depends_on").path("kafka-init").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(services.path("tracker").path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void theSimulatorImageBuildsOnlyTheSimulatorsProjectAndChecksLiveness() throws IOException {
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve("simulator.Dockerfile"));
        List<String> stages = dockerfile.all("FROM");

        assertThat(stages.get(0)).contains("temurin-17").endsWith(" AS build");
        assertThat(stages.get(stages.size() - 1)).startsWith("eclipse-temurin:17-jre");
        assertThat(dockerfile.all("COPY")).filteredOn(copy -> !copy.contains("--from="))
                .isNotEmpty().allMatch(copy -> copy.startsWith("simulator/"), "copies only simulator/");
        assertThat(dockerfile.all("COPY")).anyMatch(copy -> copy.contains("--from=build") && copy.contains("target/quarkus-app/"));
        assertThat(dockerfile.last("USER")).isNotNull().isNotIn("root", "0");
        assertThat(dockerfile.last("HEALTHCHECK")).contains(LIVE).contains(Integer.toString(simulatorPort));
        assertThat(exposed(dockerfile)).contains(Integer.toString(simulatorPort));
        assertThat(dockerfile.last("ENTRYPOINT")).contains("quarkus-run.jar");
        assertThat(Files.readAllLines(DOCKER.resolve("simulator.Dockerfile.dockerignore")))
                .filteredOn(line -> line.startsWith("!")).allMatch(line -> line.startsWith("!simulator/"));
    }

    @Test
    void composeTrackersPollTheSimulatorService() throws IOException {
        JsonNode services = YAML.readTree(DOCKER.resolve("compose.yaml").toFile()).path("services");
        Map<String, JsonNode> trackers = trackerServices(services);
        Map.Entry<String, JsonNode> simulator = services.properties().stream()
                .filter(s -> s.getValue().path("build").path("dockerfile").asText().equals("docker/simulator.Dockerfile"))
                .findFirst().orElseThrow(() -> new AssertionError("no service built from docker/simulator.Dockerfile"));
        Map<String, String> simulatorEnv = environment(simulator.getValue());
        int port = Integer.parseInt(simulatorEnv.getOrDefault("SIMULATOR_PORT", Integer.toString(simulatorPort)));

        assertThat(simulatorEnv.keySet()).allMatch(simulatorConfig::knowsEnv, "is read by the simulator");
        assertThat(DOCKER.resolve(simulator.getValue().path("build").path("context").asText())
                .resolve("docker/simulator.Dockerfile")).exists();
        for (Map.Entry<String, JsonNode> tracker : trackers.entrySet()) {
            Map<String, String> env = environment(tracker.getValue());
            assertThat(env).as(tracker.getKey()).doesNotContainKey("SIMULATOR_ENABLED");
            assertThat(env.get("EXOTEL_BASE_URL")).as(tracker.getKey()).isEqualTo("http://" + simulator.getKey() + ":" + port);
            assertThat(env.get("EXOTEL_API_KEY")).isEqualTo(simulatorEnv.getOrDefault("SIMULATOR_API_KEY",
                    simulatorConfig.properties().getProperty("simulator.api-key")));
            assertThat(env.get("EXOTEL_API_TOKEN")).isEqualTo(simulatorEnv.getOrDefault("SIMULATOR_API_TOKEN",
                    simulatorConfig.properties().getProperty("simulator.api-token")));
        }
        String demoTraffic = services.path("demo-traffic").path("command").toString();
        assertThat(demoTraffic).contains("http://" + simulator.getKey() + ":" + port + "/simulator/calls/random")
                .contains("--topic " + config.properties().getProperty("tracker.topic.calls-created"));
    }

    @Test
    void theDeploymentProbesTheQuarkusHealthEndpointsAndReadsOnlySettingsTheAppKnows() throws IOException {
        Manifests k8s = Manifests.read(K8S);
        JsonNode deployment = k8s.one("Deployment");
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);

        assertThat(port(container, container.path("startupProbe").path("httpGet").path("port"))).isEqualTo(healthPort);
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo(STARTED);
        assertThat(port(container, container.path("livenessProbe").path("httpGet").path("port"))).isEqualTo(healthPort);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo(LIVE);
        assertThat(port(container, container.path("readinessProbe").path("httpGet").path("port"))).isEqualTo(healthPort);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo(READY);
        for (String resource : List.of("cpu", "memory")) {
            assertThat(container.path("resources").path("requests").path(resource).asText()).as("request " + resource).isNotEmpty();
            assertThat(container.path("resources").path("limits").path(resource).asText()).as("limit " + resource).isNotEmpty();
        }
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("spec").path("securityContext").path("runAsUser").asInt()).isPositive();

        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText(null);
            String secret = source.path("secretRef").path("name").asText(null);
            JsonNode referenced = configMap != null ? k8s.named("ConfigMap", configMap) : k8s.named("Secret", secret);
            List<String> keys = new ArrayList<>();
            referenced.path(configMap != null ? "data" : "stringData").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as((configMap != null ? configMap : secret) + " keys").isNotEmpty()
                    .allMatch(config::knowsEnv, "is read by the app");
        }
        container.path("env").forEach(variable -> assertThat(config.knowsEnv(variable.path("name").asText()))
                .as(variable.path("name").asText()).isTrue());
        assertThat(mountedSecret(k8s, pod, "/deployments/config")).isNotNull();
    }

    @Test
    void theServiceBudgetAndAutoscalerSelectTheDeploymentsPods() throws IOException {
        Manifests k8s = Manifests.read(K8S);
        JsonNode deployment = k8s.one("Deployment");
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode service = k8s.one("Service");
        JsonNode budget = k8s.one("PodDisruptionBudget");
        JsonNode autoscaler = k8s.one("HorizontalPodAutoscaler");

        assertThat(service.path("spec").path("selector")).isEqualTo(labels);
        List<Integer> targets = new ArrayList<>();
        service.path("spec").path("ports").forEach(port -> targets.add(port(container, port.path("targetPort"))));
        assertThat(targets).as("the public port and the management port").containsExactlyInAnyOrder(httpPort, healthPort);
        assertThat(budget.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(autoscaler.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(autoscaler.path("spec").path("scaleTargetRef").path("name").asText())
                .isEqualTo(deployment.path("metadata").path("name").asText());
        // Leaves room to evict one pod during a drain.
        assertThat(autoscaler.path("spec").path("minReplicas").asInt())
                .isGreaterThan(budget.path("spec").path("minAvailable").asInt());
        JsonNode kustomization = YAML.readTree(K8S_BASE.resolve("kustomization.yaml").toFile());
        kustomization.path("resources").forEach(file -> assertThat(K8S_BASE.resolve(file.asText())).exists());
        assertThat(kustomization.path("resources").toString()).doesNotContain("secret");
    }

    @Test
    void theSecretExampleHoldsOnlyPlaceholdersAndTheConfigMapNoSecrets() throws IOException {
        Manifests k8s = Manifests.read(K8S);

        for (JsonNode secret : k8s.all("Secret")) {
            assertThat(secret.has("data")).as("base64 data hides what is committed").isFalse();
            secret.path("stringData").fields().forEachRemaining(entry -> {
                if (entry.getKey().endsWith(".properties")) {
                    Properties file = properties(entry.getValue().asText());
                    for (String key : file.stringPropertyNames()) {
                        assertThat(config.knowsProperty(key)).as(key + " is read by the app").isTrue();
                        if (looksSecret(key)) {
                            assertThat(file.getProperty(key)).as(key).isEqualTo(PLACEHOLDER);
                        }
                    }
                } else {
                    assertThat(entry.getValue().asText()).as(entry.getKey()).isEqualTo(PLACEHOLDER);
                }
            });
        }
        k8s.all("ConfigMap").forEach(map -> map.path("data").fieldNames()
                .forEachRemaining(key -> assertThat(looksSecret(key)).as(key + " belongs in the Secret").isFalse()));
    }

    /**
     * Which series the panels and alerts may name is checked against a running tracker's scrape
     * ({@link ExportedSeriesTest}); here, that the files are complete: every rule an alert with a severity
     * and a summary, and the alerts the issue list asks for are there.
     */
    @Test
    void everyAlertHasASeverityAndASummaryAndTheExpectedAlertsExist() throws IOException {
        JsonNode dashboard = JSON.readTree(Path.of("deploy", "grafana", "tracker-dashboard.json").toFile());
        assertThat(dashboard.findValues("expr")).isNotEmpty();
        List<JsonNode> rules = new ArrayList<>();
        YAML.readTree(ALERTS.toFile()).path("groups").forEach(group -> group.path("rules").forEach(rules::add));

        for (JsonNode rule : rules) {
            assertThat(rule.path("alert").asText()).isNotEmpty();
            assertThat(rule.path("expr").asText()).as(rule.path("alert").asText()).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText()).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotEmpty();
        }
        assertThat(rules.stream().map(rule -> rule.path("alert").asText())).contains("TrackerTargetDown", "TrackerCallsStuck",
                "TrackerIntakeLag", "TrackerDetectionSloFastBurn", "TrackerDetectionSloSlowBurn", "TrackerUnfinishedOutcomes",
                "TrackerIntakeDeadLetters", "TrackerOutboxStale", "ExotelApiErrors", "ExotelAuthFailed",
                "RecordingLinksExpiredBeforeArchival");
    }

    /** Where the health endpoints are served: the management interface when enabled, else the HTTP port. */
    static int healthPort(Properties properties) {
        if (Boolean.parseBoolean(properties.getProperty("quarkus.management.enabled", "false"))) {
            return Integer.parseInt(properties.getProperty("quarkus.management.port", "9000"));
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
    }

    /** The ports a Dockerfile's EXPOSE instructions name. */
    static List<String> exposed(Dockerfile dockerfile) {
        return dockerfile.all("EXPOSE").stream().flatMap(ports -> Stream.of(ports.split("\\s+"))).toList();
    }

    /** A probe's or service's port, by number or by the name of a container port. */
    static int port(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port.asText());
    }

    static boolean looksSecret(String name) {
        return name.toUpperCase().matches(".*(KEY|TOKEN|PASSWORD|SECRET).*");
    }

    /** Services built from docker/Dockerfile. */
    static Map<String, JsonNode> trackerServices(JsonNode services) {
        Map<String, JsonNode> trackers = new LinkedHashMap<>();
        services.fields().forEachRemaining(service -> {
            if (service.getValue().path("build").path("dockerfile").asText().equals("docker/Dockerfile")) {
                trackers.put(service.getKey(), service.getValue());
            }
        });
        return trackers;
    }

    /** A compose service's environment: its env_file, overridden by its environment map or list. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode envFiles = service.path("env_file");
        List<JsonNode> files = new ArrayList<>();
        if (envFiles.isArray()) {
            envFiles.forEach(files::add);
        } else if (!envFiles.isMissingNode()) {
            files.add(envFiles);
        }
        files.forEach(file -> env.putAll(envFile(DOCKER.resolve(file.asText()))));
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            environment.forEach(item -> {
                String[] pair = item.asText().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        } else {
            environment.fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        }
        return env;
    }

    static Map<String, String> envFile(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            Map<String, String> env = new LinkedHashMap<>();
            lines.map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("=", 2)).forEach(pair -> env.put(pair[0], pair[1]));
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container side of "host:container" port mappings. */
    static List<Integer> containerPorts(JsonNode service) {
        List<Integer> ports = new ArrayList<>();
        service.path("ports").forEach(port -> {
            String[] parts = port.asText().split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1].replaceFirst("/.*", "")));
        });
        return ports;
    }

    static JsonNode mountedSecret(Manifests k8s, JsonNode pod, String path) {
        for (JsonNode mount : pod.path("spec").path("containers").get(0).path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                for (JsonNode volume : pod.path("spec").path("volumes")) {
                    if (volume.path("name").equals(mount.path("name"))) {
                        return k8s.named("Secret", volume.path("secret").path("secretName").asText());
                    }
                }
            }
        }
        return null;
    }

    static Properties properties(String text) {
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kubernetes manifests (YAML documents), by kind. */
    record Manifests(List<JsonNode> documents) {

        /** The base's manifests and the Secret example next to it. */
        static Manifests read(Path directory) throws IOException {
            List<JsonNode> documents = new ArrayList<>();
            for (Path dir : List.of(directory.resolve("base"), directory)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                        documents.addAll(parse(file));
                    }
                }
            }
            return new Manifests(documents);
        }

        /** Every document of a YAML file. */
        static List<JsonNode> parse(Path file) throws IOException {
            return parse(Files.readString(file));
        }

        /** Every document of a YAML text, e.g. kustomize's output. */
        static List<JsonNode> parse(String yaml) throws IOException {
            try (var parser = new YAMLFactory().createParser(yaml)) {
                List<JsonNode> documents = new ArrayList<>();
                YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
                return documents;
            }
        }

        List<JsonNode> all(String kind) {
            return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        }

        JsonNode one(String kind) {
            List<JsonNode> all = all(kind);
            assertThat(all).as(kind).hasSize(1);
            return all.get(0);
        }

        JsonNode named(String kind, String name) {
            return all(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + K8S));
        }
    }
}
