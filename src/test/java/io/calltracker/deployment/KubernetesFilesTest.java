package io.calltracker.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.deployment.DeploymentFilesTest.Manifests;
import io.calltracker.intake.StatusCallbackResource;
import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.calltracker.deployment.DeploymentFilesTest.DOCKER;
import static io.calltracker.deployment.DeploymentFilesTest.K8S;
import static io.calltracker.deployment.DeploymentFilesTest.YAML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * deploy/k8s as kustomize renders it ({@link Kustomize}, no cluster or kubectl needed): the base and the
 * production overlay with its components (ServiceMonitor, PrometheusRule, Strimzi KafkaTopics, TLS),
 * checked against the application, the Makefile's images and deploy/prometheus/alerts.yaml.
 */
class KubernetesFilesTest {

    static final java.nio.file.Path BASE = K8S.resolve("base");
    static final java.nio.file.Path PRODUCTION = K8S.resolve("overlays").resolve("production");
    static final java.nio.file.Path PROMETHEUS_RULE = K8S.resolve("components").resolve("monitoring").resolve("prometheusrule.yaml");
    static final java.nio.file.Path ALERTS = java.nio.file.Path.of("deploy", "prometheus", "alerts.yaml");
    static final Map<String, String> PROBE_PATHS = Map.of("startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
    static final String METRICS_PATH = "/q/metrics";
    /**
     * What the JVM uses besides heap, metaspace, code cache and direct buffers: thread stacks, symbols,
     * class space, GC structures, malloc. About 60 MiB under load (NMT, docs/deployment.md, "Memory").
     */
    static final long OTHER_NATIVE_MIB = 128;

    static AppConfigNames config;
    static Manifests base;
    static Manifests production;
    static Manifests secretExample;

    @BeforeAll
    static void render() throws IOException {
        config = AppConfigNames.ofApplication();
        base = kustomize(BASE);
        production = kustomize(PRODUCTION);
        secretExample = new Manifests(Manifests.parse(K8S.resolve("secret.example.yaml")));
    }

    @Test
    void theBaseIsPlainKubernetesAndProductionAddsMonitoringAndTopics() {
        Set<String> plain = Set.of("ConfigMap", "Deployment", "Service", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy", "Ingress");
        assertThat(kinds(base)).as("needs no CRDs").isEqualTo(plain);
        assertThat(kinds(production)).containsAll(plain).contains("ServiceMonitor", "PrometheusRule", "KafkaTopic");
    }

    @Test
    void theAutoscalerAloneSetsTheReplicaCount() {
        for (Manifests rendered : List.of(base, production)) {
            JsonNode deployment = rendered.one("Deployment");
            assertThat(deployment.path("spec").has("replicas")).as("a replicas field resets the HPA's count on every apply")
                    .isFalse();
            JsonNode target = rendered.one("HorizontalPodAutoscaler").path("spec").path("scaleTargetRef");
            assertThat(target.path("name").asText()).isEqualTo(deployment.path("metadata").path("name").asText());
            assertThat(rendered.one("HorizontalPodAutoscaler").path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theImagesAreTheOnesMakeImageBuildsTaggedWithTheProjectVersion() {
        String version = BuildFacts.projectVersion(java.nio.file.Path.of("pom.xml"));
        String image = BuildFacts.imageNames().get(0);

        assertThat(image).as("make image-names").endsWith(":" + version);
        assertThat(container(base).path("image").asText()).as("deploy/k8s/base/deployment.yaml").isEqualTo(image);
        String produced = container(production).path("image").asText();
        assertThat(produced).as("overlays/production images: newTag").endsWith(":" + version);
        assertThat(produced.substring(0, produced.lastIndexOf(':'))).as("the same image in your registry")
                .endsWith("/" + image.substring(0, image.lastIndexOf(':')));
    }

    @Test
    void probesTheServiceAndTheServiceMonitorUseTheManagementPortAndRealPaths() {
        for (Manifests rendered : List.of(base, production)) {
            JsonNode container = container(rendered);
            Map<String, String> env = configMapEnv(rendered);
            int http = Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", "8080"));
            int management = managementPort(env);

            assertThat(containerPort(container, "http")).isEqualTo(http);
            assertThat(containerPort(container, "management")).isEqualTo(management);
            PROBE_PATHS.forEach((probe, path) -> {
                JsonNode get = container.path(probe).path("httpGet");
                assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
                assertThat(DeploymentFilesTest.port(container, get.path("port"))).as(probe + " port").isEqualTo(management);
            });
        }
        JsonNode service = production.one("Service");
        JsonNode monitor = production.one("ServiceMonitor");
        JsonNode container = container(production);
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertThat(service.path("metadata").path("labels").path(label.getKey())).as("selects the Service")
                        .isEqualTo(label.getValue()));
        assertThat(monitor.path("spec").has("jobLabel")).as("job = the Service's name, which the alerts select").isFalse();
        assertThat(monitor.path("spec").path("endpoints")).isNotEmpty().allSatisfy(endpoint -> {
            assertThat(endpoint.path("path").asText()).isEqualTo(METRICS_PATH);
            assertThat(DeploymentFilesTest.port(container, servicePort(service, endpoint.path("port").asText()).path("targetPort")))
                    .as("scrapes the management port").isEqualTo(managementPort(configMapEnv(production)));
        });
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheGroupsOfAlertsYaml() throws IOException {
        JsonNode alerts = YAML.readTree(ALERTS.toFile()).path("groups");
        JsonNode rule = YAML.readTree(PROMETHEUS_RULE.toFile()).path("spec").path("groups");

        if (!alerts.equals(rule)) {
            fail(PROMETHEUS_RULE + " is not " + ALERTS + ": run `make prometheus-rule` to regenerate it");
        }
        // kustomize re-writes block scalars (a folded expression may gain a blank line): PromQL ignores whitespace.
        assertThat(expressions(production.one("PrometheusRule").path("spec").path("groups"))).as("rendered by kustomize")
                .isEqualTo(expressions(alerts));
    }

    @Test
    void theIngressRoutesOnlyTheStatusCallbackPathToThePublicPort() {
        String callbacks = StatusCallbackResource.class.getAnnotation(Path.class).value().replaceFirst("\\{[^}]+}$", "");
        JsonNode service = production.one("Service");
        JsonNode container = container(production);
        int http = containerPort(container, "http");

        for (Manifests rendered : List.of(base, production)) {
            JsonNode ingress = rendered.one("Ingress");
            assertThat(ingress.path("spec").has("defaultBackend")).as("a default backend exposes every path").isFalse();
            if (ingress.path("spec").path("ingressClassName").asText().equals("nginx")) {
                assertThat(ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/enable-access-log").asText())
                        .as("the callback token rides in the path: no access log").isEqualTo("false");
            }
            List<JsonNode> paths = ingress.path("spec").path("rules").findValues("paths").stream()
                    .flatMap(list -> list.valueStream()).toList();
            assertThat(paths).isNotEmpty().allSatisfy(path -> {
                assertThat(path.path("path").asText()).isEqualTo(callbacks);
                assertThat(path.path("pathType").asText()).isEqualTo("Prefix");
                JsonNode backend = path.path("backend").path("service");
                assertThat(backend.path("name").asText()).isEqualTo(service.path("metadata").path("name").asText());
                JsonNode port = backend.path("port").has("name") ? backend.path("port").path("name") : backend.path("port").path("number");
                assertThat(DeploymentFilesTest.port(container, servicePort(service, port.asText()).path("targetPort")))
                        .as("the public port, never the management port").isEqualTo(http);
            });
        }
    }

    @Test
    void theNetworkPolicyAdmitsTheIngressControllerAndPrometheusAndAllowsWhatTheTrackerCalls() {
        for (Manifests rendered : List.of(base, production)) {
            JsonNode policy = rendered.one("NetworkPolicy");
            JsonNode container = container(rendered);
            Map<String, String> env = configMapEnv(rendered);
            int http = containerPort(container, "http");
            int management = containerPort(container, "management");

            assertThat(policy.path("spec").path("podSelector").path("matchLabels"))
                    .isEqualTo(rendered.one("Deployment").path("spec").path("template").path("metadata").path("labels"));
            assertThat(policy.path("spec").path("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
            Map<Integer, List<String>> admitted = new HashMap<>();
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                assertThat(rule.path("from")).as("a rule without 'from' admits everyone").isNotEmpty();
                assertThat(rule.path("ports")).as("a rule without ports opens every port").isNotEmpty();
                for (JsonNode port : rule.path("ports")) {
                    admitted.computeIfAbsent(DeploymentFilesTest.port(container, port.path("port")), p -> new ArrayList<>())
                            .add(rule.path("from").toString());
                }
            }
            assertThat(admitted.keySet()).containsExactlyInAnyOrder(http, management);
            assertThat(admitted.get(management)).as("only Prometheus reaches the management port")
                    .allMatch(from -> from.contains("prometheus"));
            assertThat(admitted.get(http)).anyMatch(from -> from.contains("ingress"));

            Map<String, Set<Integer>> egress = egressPortsByNamespace(policy);
            for (String server : env.get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
                assertThat(egress.get(namespaceOf(server))).as("Kafka " + server).contains(portOf(server));
            }
            URI database = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
            assertThat(egress.get(namespaceOf(database.getHost()))).as("PostgreSQL " + database).contains(database.getPort());
            assertThat(egress.get("kube-system")).as("DNS").contains(53);
            assertThat(egress.get("*")).as("Exotel, HTTPS").contains(443);
        }
    }

    @Test
    void theKafkaTopicsAreTheConfiguredTopicsReplicatedAndDocumented() {
        var properties = config.properties();
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        production.all("KafkaTopic").forEach(topic -> topics.put(topic.path("spec").path("topicName").asText(), topic));
        String bootstrap = configMapEnv(production).get("KAFKA_BOOTSTRAP_SERVERS").split(",")[0];
        String cluster = bootstrap.substring(0, bootstrap.indexOf("-kafka-bootstrap"));

        assertThat(topics.keySet()).containsExactlyInAnyOrder(properties.getProperty("tracker.topic.calls-created"),
                properties.getProperty("tracker.topic.calls-completed"), properties.getProperty("tracker.topic.dead-letter"));
        topics.forEach((name, topic) -> {
            JsonNode spec = topic.path("spec");
            int replicas = spec.path("replicas").asInt();
            int minInSync = spec.path("config").path("min.insync.replicas").asInt();
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(name + " cluster")
                    .isEqualTo(cluster);
            assertThat(spec.path("partitions").asInt()).as(name + " partitions").isPositive();
            assertThat(replicas).as(name + " replicas").isGreaterThanOrEqualTo(3);
            assertThat(minInSync).as(name + " min.insync.replicas: acks=all survives one broker down").isBetween(2, replicas - 1);
            assertThat(spec.path("config").path("retention.ms").asLong()).as(name + " retention.ms").isPositive();
        });
        long deadLetterRecord = Long.parseLong(properties.getProperty("mp.messaging.outgoing.calls-created-dead-letters.max.request.size"));
        assertThat(topics.get(properties.getProperty("tracker.topic.dead-letter")).path("spec").path("config")
                .path("max.message.bytes").asLong()).as("takes any record the dead-letter producer sends").isGreaterThanOrEqualTo(deadLetterRecord);
    }

    @Test
    void productionTalksTlsToKafkaAndPostgresqlWithCertificatesItMountsAndSettingsTheAppReads() {
        Map<String, String> env = configMapEnv(production);
        JsonNode pod = production.one("Deployment").path("spec").path("template");
        JsonNode container = container(production);

        assertThat(env.keySet()).allMatch(config::knowsEnv, "is read by the app or its Kafka clients");
        assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).isIn("SSL", "SASL_SSL");
        if (env.get("KAFKA_SECURITY_PROTOCOL").startsWith("SASL")) {
            assertThat(env).containsKey("KAFKA_SASL_MECHANISM");
            String secret = container.path("envFrom").findValues("secretRef").get(0).path("name").asText();
            assertThat(secretExample.named("Secret", secret).path("stringData").has("KAFKA_SASL_JAAS_CONFIG"))
                    .as("the SASL password comes from the Secret").isTrue();
        }
        String jdbc = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(jdbc).contains("sslmode=verify-full");
        Matcher rootCert = Pattern.compile("[?&]sslrootcert=([^&]+)").matcher(jdbc);
        assertThat(rootCert.find()).as("sslrootcert in the JDBC URL").isTrue();
        for (String file : List.of(rootCert.group(1), env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"))) {
            JsonNode mount = null;
            for (JsonNode candidate : container.path("volumeMounts")) {
                if (file.startsWith(candidate.path("mountPath").asText() + "/")) {
                    mount = candidate;
                }
            }
            assertThat(mount).as(file + " is on a mounted volume").isNotNull();
            String volume = mount.path("name").asText();
            JsonNode source = pod.path("spec").path("volumes").valueStream()
                    .filter(v -> v.path("name").asText().equals(volume)).findFirst().orElseThrow();
            JsonNode secret = secretExample.named("Secret", source.path("secret").path("secretName").asText());
            assertThat(secret.path("stringData").has(file.substring(file.lastIndexOf('/') + 1)))
                    .as(file + " is a key of the Secret example").isTrue();
        }
    }

    /**
     * The TLS settings do what the overlay says, read the way the app reads them: the KAFKA_* variables
     * through Quarkus' own Kafka configuration producer (the settings every channel's client gets), the
     * JDBC URL through PostgreSQL's driver.
     */
    @Test
    void theTlsSettingsReachTheKafkaClientsAndTheJdbcDriver() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(configMapEnv(production));
        String secret = container(production).path("envFrom").findValues("secretRef").get(0).path("name").asText();
        secretExample.named("Secret", secret).path("stringData").fields()
                .forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        SmallRyeConfig environment = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300)).build();

        Map<String, Object> kafka = new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(environment, noApplicationName());
        env.forEach((name, value) -> {
            if (AppConfigNames.isKafkaClientSetting(name)) {
                String setting = name.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
                assertThat(kafka).as(name).containsEntry(setting, value);
            }
        });
        assertThat(kafka).containsEntry("security.protocol", env.get("KAFKA_SECURITY_PROTOCOL"))
                .containsKeys("sasl.jaas.config", "ssl.truststore.location");

        java.util.Properties jdbc = org.postgresql.Driver.parseURL(env.get("QUARKUS_DATASOURCE_JDBC_URL"), null);
        assertThat(jdbc).as("parsed by the driver").isNotNull();
        assertThat(jdbc.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(jdbc.getProperty("sslrootcert")).startsWith("/");
    }

    private static ApplicationConfig noApplicationName() {
        return (ApplicationConfig) Proxy.newProxyInstance(ApplicationConfig.class.getClassLoader(),
                new Class<?>[] {ApplicationConfig.class}, (proxy, method, args) -> Optional.empty());
    }

    @Test
    void theImagesJvmFitsInThePodsMemoryLimit() throws IOException {
        String env = Dockerfile.read(DOCKER.resolve("Dockerfile")).last("ENV");
        Matcher javaOpts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(env);
        assertThat(javaOpts.find()).as("JAVA_OPTS in the Dockerfile's ENV").isTrue();
        String options = javaOpts.group(1);
        long limit = mebibytes(container(production).path("resources").path("limits").path("memory").asText());

        assertThat(options).as("a fixed heap ignores the pod's limit").doesNotContain("-Xmx");
        double heap = limit * Double.parseDouble(option(options, "-XX:MaxRAMPercentage=")) / 100;
        long metaspace = mebibytes(option(options, "-XX:MaxMetaspaceSize="));
        long codeCache = mebibytes(option(options, "-XX:ReservedCodeCacheSize="));
        long direct = mebibytes(option(options, "-XX:MaxDirectMemorySize="));
        assertThat(heap + metaspace + codeCache + direct + OTHER_NATIVE_MIB).as("MiB at most, of a %d MiB limit", limit)
                .isLessThanOrEqualTo(limit);
    }

    /** Each alert's expression, whitespace collapsed. */
    static Map<String, String> expressions(JsonNode groups) {
        Map<String, String> expressions = new LinkedHashMap<>();
        groups.findValues("rules").forEach(rules -> rules.forEach(rule ->
                expressions.put(rule.path("alert").asText(), rule.path("expr").asText().replaceAll("\\s+", " ").strip())));
        return expressions;
    }

    static Manifests kustomize(java.nio.file.Path directory) throws IOException {
        return new Manifests(Kustomize.render(directory));
    }

    static Set<String> kinds(Manifests manifests) {
        Set<String> kinds = new TreeSet<>();
        manifests.documents().forEach(document -> kinds.add(document.path("kind").asText()));
        return kinds;
    }

    static JsonNode container(Manifests rendered) {
        return rendered.one("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
    }

    static Map<String, String> configMapEnv(Manifests rendered) {
        Map<String, String> env = new LinkedHashMap<>();
        rendered.one("ConfigMap").path("data").fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        return env;
    }

    static int managementPort(Map<String, String> env) {
        return Integer.parseInt(env.getOrDefault("QUARKUS_MANAGEMENT_PORT",
                config.properties().getProperty("quarkus.management.port", "9000")));
    }

    static int containerPort(JsonNode container, String name) {
        return DeploymentFilesTest.port(container, YAML.getNodeFactory().textNode(name));
    }

    static JsonNode servicePort(JsonNode service, String nameOrNumber) {
        return service.path("spec").path("ports").valueStream()
                .filter(port -> port.path("name").asText().equals(nameOrNumber) || port.path("port").asText().equals(nameOrNumber))
                .findFirst().orElseThrow(() -> new AssertionError("the Service has no port " + nameOrNumber));
    }

    /** Egress ports by the namespace a rule selects ("*" for address blocks outside the cluster). */
    static Map<String, Set<Integer>> egressPortsByNamespace(JsonNode policy) {
        Map<String, Set<Integer>> ports = new HashMap<>();
        for (JsonNode rule : policy.path("spec").path("egress")) {
            for (JsonNode peer : rule.path("to")) {
                String namespace = peer.has("ipBlock") ? "*"
                        : peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText();
                rule.path("ports").forEach(port -> ports.computeIfAbsent(namespace, n -> new TreeSet<>()).add(port.path("port").asInt()));
            }
        }
        return ports;
    }

    /** kafka-kafka-bootstrap.kafka.svc:9093 is in namespace kafka. */
    static String namespaceOf(String hostAndPort) {
        String[] labels = hostAndPort.replaceFirst(":\\d+$", "").split("\\.");
        assertThat(labels.length).as(hostAndPort + " names a Service as <service>.<namespace>.svc").isGreaterThanOrEqualTo(2);
        return labels[1];
    }

    static int portOf(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    static String option(String options, String prefix) {
        for (String option : options.split("\\s+")) {
            if (option.startsWith(prefix)) {
                return option.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " in JAVA_OPTS: without it the sum is unbounded");
    }

    /** 768Mi, 1Gi (Kubernetes) or 128m, 1g (JVM) in MiB. */
    static long mebibytes(String quantity) {
        Matcher matcher = Pattern.compile("(\\d+)(Mi|Gi|m|g|M|G)").matcher(quantity);
        assertThat(matcher.matches()).as(quantity).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).toLowerCase().startsWith("g") ? amount * 1024 : amount;
    }
}
