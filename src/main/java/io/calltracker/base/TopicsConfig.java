package io.calltracker.base;

import io.smallrye.config.ConfigMapping;

/**
 * The Kafka topics, shared by intake (created, dead-letter) and publishing (completed). Only the
 * channel settings in application.properties read them, where their defaults are.
 */
@ConfigMapping(prefix = "tracker.topic")
public interface TopicsConfig {

    String callsCreated();

    String callsCompleted();

    String deadLetter();
}
