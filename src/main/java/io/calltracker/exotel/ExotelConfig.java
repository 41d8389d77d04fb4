package io.calltracker.exotel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The Exotel account the tracker polls, and how it reaches the API. */
@ConfigMapping(prefix = "exotel")
public interface ExotelConfig {

    /** Account SID; intake messages without an account_sid belong to it. */
    String accountSid();

    /** API key (Basic auth user). Never logged. */
    String apiKey();

    /** API token (Basic auth password). Never logged. */
    String apiToken();

    @WithDefault("singapore")
    Region region();

    /** Overrides the region's host: the simulator, a proxy. */
    Optional<String> baseUrl();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("15s")
    Duration readTimeout();

    default String effectiveBaseUrl() {
        return baseUrl().filter(url -> !url.isBlank()).orElse(region().v3Host());
    }
}
