package io.calltracker.publishing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.net.URI;

/** The published events: {@code tracker.events.*} (env {@code TRACKER_EVENTS_*}). */
@ConfigMapping(prefix = "tracker.events")
public interface EventsConfig {

    /**
     * The address downstream teams reach this tracker's HTTP port at. Each event schema's identifier
     * (its {@code $id} and the events' {@code ce_dataschema}) is this plus {@code /schema/<file>}.
     */
    @WithDefault("http://exotel-call-tracker:8080")
    @WithConverter(SchemaBaseUrlSetting.class)
    URI schemaBaseUrl();
}
