package io.calltracker.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Intake from Kafka and the admin API: {@code tracker.intake.*} (env {@code TRACKER_INTAKE_*}). */
@ConfigMapping(prefix = "tracker.intake")
public interface IntakeConfig {

    /** Intake values larger than this are dead-lettered. */
    @WithDefault("16384")
    int maxBytes();
}
