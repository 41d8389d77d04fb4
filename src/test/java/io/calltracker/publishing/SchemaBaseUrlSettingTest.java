package io.calltracker.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.testing.ConfigMappings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tracker.events.schema-base-url as the application reads it: what it accepts, what it refuses by name, the identifiers it makes. */
class SchemaBaseUrlSettingTest {

    private static final String KEY = "tracker.events.schema-base-url";

    @Test
    void theDefaultIsTheInClusterService() {
        assertThat(id(ConfigMappings.read(EventsConfig.class, Map.of())))
                .isEqualTo("http://exotel-call-tracker:8080/schema/call-completed-event.v1.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/call-tracker", "https://api.example.com/call-tracker/",
            " https://api.example.com/call-tracker "})
    void aPathPrefixIsKeptWithOrWithoutItsTrailingSlash(String base) {
        assertThat(id(ConfigMappings.read(EventsConfig.class, Map.of(KEY, base))))
                .isEqualTo("https://api.example.com/call-tracker/schema/call-completed-event.v1.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exotel-call-tracker:8080", "/schema", "ftp://files.example.com", "http://", "https://h.example/?v=1",
            "https://h.example/#top", "http://bad host/", "urn:calltracker:schemas"})
    void anythingButAnAbsoluteHttpUrlStopsTheStartNamingTheKey(String value) {
        assertThatThrownBy(() -> ConfigMappings.read(EventsConfig.class, Map.of(KEY, value)).schemaBaseUrl())
                .hasMessageContaining(KEY + " must be");
    }

    private static String id(EventsConfig config) {
        return new EventSchemas(config, new ObjectMapper()).id(EventType.CALL_COMPLETED).toString();
    }
}
