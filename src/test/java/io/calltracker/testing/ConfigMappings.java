package io.calltracker.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * Reads one of the app's config mappings as the tests' application would (application.properties,
 * profile test) with some keys set otherwise, without starting the application: what a setting's value
 * becomes, or the start-up failure it causes (thrown by {@link #read}).
 */
public final class ConfigMappings {

    private ConfigMappings() {
    }

    public static <T> T read(Class<T> mapping, Map<String, String> settings) {
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withProfile("test")
                    .withSources(new PropertiesConfigSource(ConfigMappings.class.getResource("/application.properties"), 250))
                    .withSources(new PropertiesConfigSource(settings, "test settings", 400))
                    // Quarkus' own reading of durations ("5m"), as the application has it.
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withMapping(mapping)
                    .withValidateUnknown(false)
                    .build()
                    .getConfigMapping(mapping);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
