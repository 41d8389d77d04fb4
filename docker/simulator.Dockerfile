# The Exotel simulator (simulator/, its own Maven project) as a JVM image: a stand-in for Exotel's
# Call Details APIs for demos and tests, never for production. Build from the repository root:
#   docker build -f docker/simulator.Dockerfile -t exotel-simulator .
# Settings come from the environment: SIMULATOR_PORT, SIMULATOR_API_KEY, SIMULATOR_RATE_LIMIT_PER_MINUTE, …
# (simulator/README.md).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so a source change does not download them again.
COPY simulator/pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY simulator/src src
RUN mvn -B -ntp -q package -Dmaven.test.skip=true

FROM eclipse-temurin:17-jre
# curl only serves the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --gid 0 --home-dir /deployments --shell /usr/sbin/nologin simulator
WORKDIR /deployments
# Quarkus fast-jar layout, least often changed layers first.
COPY --from=build --chown=10001:0 /build/target/quarkus-app/lib/ lib/
COPY --from=build --chown=10001:0 /build/target/quarkus-app/quarkus/ quarkus/
COPY --from=build --chown=10001:0 /build/target/quarkus-app/app/ app/
COPY --from=build --chown=10001:0 /build/target/quarkus-app/quarkus-run.jar quarkus-run.jar
USER 10001
EXPOSE 8090
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS "http://localhost:${SIMULATOR_PORT:-8090}/q/health/live" || exit 1
# exec: the JVM is PID 1 and receives SIGTERM.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
