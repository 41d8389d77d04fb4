package io.calltracker.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Real Kafka and a fresh PostgreSQL database for @QuarkusTest classes. */
public class TrackerTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", LocalKafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", LocalPostgres.freshDatabase(System.getProperty("test.database", "exotel_tracker_test")),
                "quarkus.datasource.username", LocalPostgres.USER);
    }

    @Override
    public void stop() {
        LocalKafka.stop();
    }
}
