# exotel-call-tracker — the two commands are `make run` and `make test`.
MVN ?= mvn -B -ntp
JAVA ?= java
APP_JAR := target/quarkus-app/quarkus-run.jar
DEV_CLASSPATH := target/devstack.classpath

.PHONY: run test package faults bench image deploy-check clean
IMAGE ?= exotel-call-tracker:latest

## run: Kafka + PostgreSQL + the tracker with its simulator and demo traffic (real Exotel when EXOTEL_* are set)
run: package $(DEV_CLASSPATH)
	@mkdir -p target/devstack/tmp
	@$(JAVA) -Djava.io.tmpdir=target/devstack/tmp -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
		-cp target/test-classes:$$(cat $(DEV_CLASSPATH)) io.calltracker.devstack.DevStack

## test: unit and integration tests on a real Kafka broker and a real PostgreSQL
test:
	$(MVN) verify

## faults: the long fault suite (two trackers, 5 kills, PostgreSQL/Kafka away 3 min, Exotel 500s/timeouts 10 min, 429s, hostile input); prints its table; FAULTS=short (every fault, ~15 min) or quick
faults: package $(DEV_CLASSPATH)
	@$(JAVA) -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
		-cp target/test-classes:$$(cat $(DEV_CLASSPATH)) io.calltracker.resilience.FaultsMain $(FAULTS)

## bench: requests per call vs detection latency for fixed, exponential, adaptive and bulk, and engine figures (BENCH=full: the 4-point curve and the engine at 1M in flight, ~20 min)
# The trackers' JVM as for a memory-capped pod: small heap (the live set is small), serial GC, C1 only (no C2 arenas).
BENCH_TRACKER_JVM ?= -Xmx96m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=40m -XX:MaxDirectMemorySize=32m -XX:TieredStopAtLevel=1
bench: package $(DEV_CLASSPATH)
	@$(JAVA) -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dtracker.jvm-options="$(BENCH_TRACKER_JVM)" \
		-cp target/test-classes:target/classes:$$(cat $(DEV_CLASSPATH)) io.calltracker.bench.Benchmark $(BENCH)

## image: build the container image (docker/Dockerfile, repository root as context; needs a Docker engine)
image:
	docker build -f docker/Dockerfile -t $(IMAGE) .

## deploy-check: parse docker/ and deploy/ and check them against the app's config, health endpoints and metrics
deploy-check:
	$(MVN) -q test -Dtest=DeploymentFilesTest -Dsurefire.failIfNoSpecifiedTests=false

## package: build the daemon (target/quarkus-app/quarkus-run.jar)
package:
	$(MVN) -q package -DskipTests

$(DEV_CLASSPATH): pom.xml
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$(DEV_CLASSPATH)

clean:
	$(MVN) -q clean
