# exotel-call-tracker — the two commands are `make run` and `make test`.
MVN ?= mvn -B -ntp
JAVA ?= java
APP_JAR := target/quarkus-app/quarkus-run.jar
# The Exotel simulator: its own Maven project and jar (simulator/), sharing no code with the daemon.
SIM_MVN := $(MVN) -f simulator/pom.xml
SIM_JAR := simulator/target/quarkus-app/quarkus-run.jar
DEV_CLASSPATH := target/devstack.classpath

.PHONY: run test package simulator simulator-run faults bench image image-names deploy-check prometheus-rule clean
# Images are tagged with the projects' versions (the first <version> of each pom.xml), the tags that
# deploy/k8s and docker/compose.yaml name (make deploy-check compares them with `make image-names`).
VERSION := $(shell sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' pom.xml)
SIM_VERSION := $(shell sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' simulator/pom.xml)
IMAGE ?= exotel-call-tracker:$(VERSION)
SIM_IMAGE ?= exotel-simulator:$(SIM_VERSION)

## run: Kafka + PostgreSQL + the tracker with the Exotel simulator and demo traffic (real Exotel when EXOTEL_* are set)
run: simulator package $(DEV_CLASSPATH)
	@mkdir -p target/devstack/tmp
	@$(JAVA) -Djava.io.tmpdir=target/devstack/tmp -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
		-cp target/test-classes:$$(cat $(DEV_CLASSPATH)) io.calltracker.devstack.DevStack

## test: the simulator's own tests and jar, then the daemon's unit and integration tests (real Kafka, real PostgreSQL, the simulator's jar)
test:
	$(SIM_MVN) verify
	$(MVN) verify

## faults: the long fault suite (two trackers, 5 kills, PostgreSQL/Kafka away 3 min, Exotel 500s/timeouts 10 min, 429s, hostile input); prints its table; FAULTS=short (every fault, ~15 min) or quick
faults: simulator package $(DEV_CLASSPATH)
	@$(JAVA) -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
		-cp target/test-classes:$$(cat $(DEV_CLASSPATH)) io.calltracker.resilience.FaultsMain $(FAULTS)

## bench: requests per call vs detection latency for fixed, exponential, adaptive and bulk, and engine figures (BENCH=full: the 4-point curve and the engine at 1M in flight, ~20 min)
# The trackers' JVM as for a memory-capped pod: small heap (the live set is small), serial GC, C1 only (no C2 arenas);
# glibc's malloc arenas capped at 2, as the image's MALLOC_ARENA_MAX does (the trackers and the db-scheduler peer inherit it).
BENCH_TRACKER_JVM ?= -Xmx96m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=40m -XX:MaxDirectMemorySize=32m -XX:TieredStopAtLevel=1
bench: simulator package $(DEV_CLASSPATH)
	@MALLOC_ARENA_MAX=2 $(JAVA) -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dtracker.jvm-options="$(BENCH_TRACKER_JVM)" \
		-cp target/test-classes:target/classes:$$(cat $(DEV_CLASSPATH)) io.calltracker.bench.Benchmark $(BENCH)

## image: build the daemon's and the simulator's container images (docker/Dockerfile, docker/simulator.Dockerfile; needs a Docker engine)
image:
	docker build -f docker/Dockerfile -t $(IMAGE) .
	docker build -f docker/simulator.Dockerfile -t $(SIM_IMAGE) .

## image-names: the image names and tags `make image` builds
image-names:
	@echo $(IMAGE) $(SIM_IMAGE)

## deploy-check: parse docker/ and deploy/ and check them against the app's config, health endpoints, and the series a running tracker exports
deploy-check: simulator
	$(MVN) -q test -Dtest='DeploymentFilesTest,KubernetesFilesTest,ComposeStackTest,ExportedSeriesTest' -Dsurefire.failIfNoSpecifiedTests=false

## prometheus-rule: regenerate deploy/k8s/components/monitoring/prometheusrule.yaml from deploy/prometheus/alerts.yaml
PROMETHEUS_RULE := deploy/k8s/components/monitoring/prometheusrule.yaml
prometheus-rule:
	@{ sed -n '1,/^# --- generated/p' $(PROMETHEUS_RULE); sed 's/^/  /' deploy/prometheus/alerts.yaml | sed 's/^  $$//'; } > $(PROMETHEUS_RULE).tmp
	@mv $(PROMETHEUS_RULE).tmp $(PROMETHEUS_RULE)
	@echo "$(PROMETHEUS_RULE) regenerated from deploy/prometheus/alerts.yaml"

## package: build the daemon (target/quarkus-app/quarkus-run.jar)
package:
	$(MVN) -q package -DskipTests

## simulator: build the Exotel simulator (simulator/target/quarkus-app/quarkus-run.jar)
simulator:
	$(SIM_MVN) -q package -DskipTests

## simulator-run: the Exotel simulator alone on port $(SIMULATOR_PORT) (see README, "Run the Exotel simulator for your own tests")
SIMULATOR_PORT ?= 8090
simulator-run: simulator
	$(JAVA) -Dquarkus.http.port=$(SIMULATOR_PORT) -jar $(SIM_JAR)

$(DEV_CLASSPATH): pom.xml
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$(DEV_CLASSPATH)

clean:
	$(MVN) -q clean
	$(SIM_MVN) -q clean
