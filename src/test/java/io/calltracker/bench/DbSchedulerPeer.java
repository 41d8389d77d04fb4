package io.calltracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The engine bench's peer: the tracker engine's work — take call SIDs from Kafka into a PostgreSQL
 * schedule, then poll each call's v3 details and schedule its next poll — done as a team would with
 * db-scheduler instead: one task instance per call, each execution one v3 request and a reschedule,
 * db-scheduler's recommended lock-and-fetch polling, as many threads as the tracker's pollers. Runs as
 * its own JVM with the tracker's JVM options ({@link PeerProbe}), so rates, CPU and RSS compare.
 * <p>
 * Settings are system properties: {@code peer.jdbc-url}, {@code peer.kafka}, {@code peer.topic},
 * {@code peer.simulator}, {@code peer.account}, {@code peer.threads}, {@code peer.repoll} (ISO-8601),
 * {@code peer.first-poll} (ISO-8601).
 */
public final class DbSchedulerPeer {

    /** db-scheduler's PostgreSQL table, as its README gives it. */
    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
                task_name text NOT NULL, task_instance text NOT NULL, task_data bytea,
                execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text,
                last_success timestamptz, last_failure timestamptz, consecutive_failures int,
                last_heartbeat timestamptz, version bigint NOT NULL, priority smallint,
                PRIMARY KEY (task_name, task_instance));
            CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
            """;
    static final String TASK = "poll-call";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DbSchedulerPeer() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("peer.threads");
        DataSource dataSource = pool(System.getProperty("peer.jdbc-url"), System.getProperty("peer.user", "postgres"), threads);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(TABLE);
        }
        Duration repoll = Duration.parse(System.getProperty("peer.repoll"));
        Poller poller = new Poller(System.getProperty("peer.simulator"), System.getProperty("peer.account"));
        CustomTask<String> task = Tasks.custom(TASK, String.class)
                .onFailureReschedule(Schedules.fixedDelay(repoll))
                .execute((instance, context) -> poller.poll(instance.getData())
                        ? new CompletionHandler.OnCompleteRemove<>()
                        : (complete, operations) -> operations.reschedule(complete, Instant.now().plus(repoll)));
        Scheduler scheduler = Scheduler.create(dataSource, task)
                .threads(threads)
                .pollingInterval(Duration.ofMillis(100))
                .pollUsingLockAndFetch(0.5, 1.0)
                .registerShutdownHook()
                .build();
        scheduler.start();
        intake(scheduler, task, Duration.parse(System.getProperty("peer.first-poll")));
    }

    /**
     * A connection pool, as db-scheduler's README sets it up and as the tracker has one (Agroal, the tracker's
     * own pool): without one, every poll, lock and reschedule opens a PostgreSQL connection, and the comparison
     * measures connection set-up instead of the scheduler. Room for every executor thread, the poller and intake.
     */
    private static DataSource pool(String jdbcUrl, String user, int threads) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(threads + 2)
                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(jdbcUrl).principal(new NamePrincipal(user)))));
    }

    /**
     * Takes SIDs from the intake topic a poll at a time, each poll's tasks scheduled with one batch insert
     * (as the tracker stores a batch with one INSERT), offsets committed after.
     */
    private static void intake(Scheduler scheduler, CustomTask<String> task, Duration firstPoll) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("peer.kafka"),
                ConsumerConfig.GROUP_ID_CONFIG, "db-scheduler-peer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(System.getProperty("peer.topic")));
            while (!Thread.currentThread().isInterrupted()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<TaskInstance<?>> instances = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> record : records) {
                    instances.add(task.instance(record.value(), record.value()));
                }
                scheduler.scheduleBatch(instances, Instant.now().plus(firstPoll));
                consumer.commitSync();
            }
        }
    }

    /** One v3 Call Details request, read as the tracker reads it: is the call terminal? */
    private record Poller(HttpClient http, String baseUrl, String account, String authorization) {

        Poller(String baseUrl, String account) {
            this(HttpClient.newHttpClient(), baseUrl, account, "Basic " + Base64.getEncoder()
                    .encodeToString((Stack.API_KEY + ":" + Stack.API_TOKEN).getBytes(StandardCharsets.UTF_8)));
        }

        boolean poll(String callSid) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v3/accounts/" + account + "/calls/" + callSid))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 404) {
                    return false;
                }
                return "terminal".equals(JSON.readTree(response.body()).path("response").path("call_details")
                        .path("state").asText());
            } catch (IOException e) {
                throw new IllegalStateException("v3 request failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
