package io.calltracker.base;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** This process as a whole: whether it runs the tracker's loops, and its name in claims. */
@ConfigMapping(prefix = "tracker")
public interface ProcessConfig {

    /** Whether this process claims, expires, publishes and purges (false: tests that drive those steps themselves). */
    @WithDefault("true")
    boolean enabled();

    /** Names this instance in claims; defaults to host name + PID. */
    Optional<String> instanceId();
}
