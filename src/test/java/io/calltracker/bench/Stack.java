package io.calltracker.bench;

import io.calltracker.testing.LocalPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** What every part of the bench shares: the broker, a producer, the simulator process. */
record Stack(Profile profile, String kafka, Admin admin, KafkaProducer<String, String> producer,
             String simulatorUrl, SimulatorClient simulator) implements AutoCloseable {

    static final int PARTITIONS = 4;
    static final String API_KEY = "sim-key";
    static final String API_TOKEN = "sim-token";
    /** Generous: other work on a 2-core machine can make a JVM take a minute to start. */
    static final Duration READY_WITHIN = Duration.ofMinutes(3);

    static Stack start(Profile profile, String kafka, String simulatorUrl) {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.LINGER_MS_CONFIG, "2",
                ProducerConfig.BATCH_SIZE_CONFIG, "65536",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        return new Stack(profile, kafka, admin, producer, simulatorUrl, new SimulatorClient(simulatorUrl));
    }

    /** Intake, completion and dead-letter topics of one tracker, named {@code bench.<prefix>.*}. */
    Map<String, String> createTopics(String prefix) {
        Map<String, String> props = Map.of(
                "tracker.topic.calls-created", "bench." + prefix + ".created",
                "tracker.topic.calls-completed", "bench." + prefix + ".completed",
                "tracker.topic.dead-letter", "bench." + prefix + ".dlq");
        try {
            admin.deleteTopics(props.values()).all().get();
        } catch (ExecutionException | InterruptedException notThere) {
            // a fresh broker has none of them
        }
        try {
            admin.createTopics(props.values().stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("could not create the topics of " + prefix, e);
        }
        return props;
    }

    /** System properties of a tracker process tracking {@code account} against the simulator, in its own database. */
    Map<String, String> trackerProperties(String instance, String account, String database, Map<String, String> topics) {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka);
        props.put("quarkus.datasource.jdbc.url", LocalPostgres.freshDatabase(database(database)));
        props.put("quarkus.datasource.username", LocalPostgres.USER);
        props.put("exotel.account-sid", account);
        props.put("exotel.api-key", API_KEY);
        props.put("exotel.api-token", API_TOKEN);
        props.put("exotel.base-url", simulatorUrl);
        props.put("tracker.instance-id", instance);
        // A group of its own: trackers sharing a group (even on different topics) rebalance each other for seconds.
        props.put("mp.messaging.incoming.calls-created.group.id", instance);
        // Settings a build does not know yet (tracker.poll-strategy before it lands) are ignored, not fatal.
        props.put("smallrye.config.mapping.validate-unknown", "false");
        props.putAll(topics);
        return props;
    }

    /**
     * The bench's database of that name, behind {@code BENCH_DB_PREFIX} when set, so that two benches on one machine
     * do not drop each other's databases.
     */
    static String database(String name) {
        return System.getenv().getOrDefault("BENCH_DB_PREFIX", "") + name;
    }

    /** Waits until the tracker's intake consumer owns every partition of its topic, so no arrival waits for a rebalance. */
    void awaitIntakeAssigned(Map<String, String> trackerProps) throws Exception {
        String group = trackerProps.get("mp.messaging.incoming.calls-created.group.id");
        String topic = trackerProps.get("tracker.topic.calls-created");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                long assigned = d.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(topic)).count();
                if (assigned == PARTITIONS) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                // the consumer has not joined yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("consumer group " + group + " did not get the partitions of " + topic + " within 90 s");
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
