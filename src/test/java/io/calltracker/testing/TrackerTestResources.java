package io.calltracker.testing;

import io.calltracker.testing.simulator.SharedSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Real Kafka, a fresh PostgreSQL database and the Exotel simulator (its own process, shared by the
 * test JVM and reset for each tracker application started) for @QuarkusTest classes.
 */
public class TrackerTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String simulator = SharedSimulator.baseUrl();
        SharedSimulator.reset();
        return Map.of(
                "kafka.bootstrap.servers", LocalKafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", LocalPostgres.freshDatabase(System.getProperty("test.database", "exotel_tracker_test")),
                "quarkus.datasource.username", LocalPostgres.USER,
                "exotel.base-url", simulator);
    }

    @Override
    public void stop() {
        LocalKafka.stop();
    }
}
