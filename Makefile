# exotel-call-tracker — the two commands are `make run` and `make test`.
MVN ?= mvn -B -ntp
JAVA ?= java
APP_JAR := target/quarkus-app/quarkus-run.jar
# The Exotel simulator: its own Maven project and jar (simulator/), sharing no code with the daemon.
SIM_MVN := $(MVN) -f simulator/pom.xml
SIM_JAR := simulator/target/quarkus-app/quarkus-run.jar
DEV_CLASSPATH := target/devstack.classpath

.PHONY: run test package simulator simulator-run faults bench image deploy-check clean
IMAGE ?= exotel-call-tracker:latest
SIM_IMAGE ?= exotel-simulator:latest

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
# The trackers' JVM as for a memory-capped pod: small heap (the live set is small), serial GC, C1 only (no C2 arenas).
BENCH_TRACKER_JVM ?= -Xmx96m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=40m -XX:MaxDirectMemorySize=32m -XX:TieredStopAtLevel=1
bench: simulator package $(DEV_CLASSPATH)
	@$(JAVA) -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dtracker.jvm-options="$(BENCH_TRACKER_JVM)" \
		-cp target/test-classes:target/classes:$$(cat $(DEV_CLASSPATH)) io.calltracker.bench.Benchmark $(BENCH)

## image: build the daemon's and the simulator's container images (docker/Dockerfile, docker/simulator.Dockerfile; needs a Docker engine)
image:
	docker build -f docker/Dockerfile -t $(IMAGE) .
	docker build -f docker/simulator.Dockerfile -t $(SIM_IMAGE) .

## deploy-check: parse docker/ and deploy/ and check them against the app's config, health endpoints, and the series a running tracker exports
deploy-check: simulator
	$(MVN) -q test -Dtest='DeploymentFilesTest,ExportedSeriesTest' -Dsurefire.failIfNoSpecifiedTests=false

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
