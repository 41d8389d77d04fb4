package io.calltracker.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Apache Kafka broker (KRaft, combined mode) inside this JVM, from Kafka's own
 * test kit. Started once per JVM and shared by every test class.
 */
public final class LocalKafka {

    private static KafkaClusterTestKit cluster;

    private LocalKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(LocalKafka::stop, "local-kafka-stop"));
        }
        return cluster.bootstrapServers();
    }

    public static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("local Kafka did not close cleanly: " + e);
            }
            cluster = null;
        }
    }

    /** Takes the broker down (clients see connection errors) until {@link #startBroker()}; same port, same data. */
    public static synchronized void stopBroker() {
        var broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
    }

    public static synchronized void startBroker() {
        cluster.brokers().values().iterator().next().startup();
    }

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "4")
                    // Room for the bad-input corpus's 1 MB message and its copy on the dead-letter topic.
                    .setConfigProp("message.max.bytes", "4194304")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the local Kafka broker", e);
        }
    }
}
