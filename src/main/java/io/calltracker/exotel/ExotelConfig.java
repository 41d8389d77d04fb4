package io.calltracker.exotel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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

    /**
     * Requests per minute the default account may receive from all instances together, and the share of
     * every further account that sets none; 0 = unlimited. Exotel allows 200, shared with the dialer.
     */
    @WithDefault("150")
    int rateSharePerMinute();

    /**
     * Further accounts by account SID, e.g. {@code exotel.accounts."acme2".api-key=…} in a mounted
     * config file. Region, base URL and rate share default to the default account's.
     */
    Map<String, AccountConfig> accounts();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("15s")
    Duration readTimeout();

    /**
     * The longest wait a Retry-After may impose on an account, and the longest any block of it lasts
     * (also one stored by an older version or under a longer cap): a header in milliseconds by
     * mistake, or from a proxy, would otherwise stop the account for weeks across every instance.
     * At least 1s; at most a year.
     */
    @WithDefault("5m")
    @WithConverter(RetryAfterCapSetting.class)
    Duration retryAfterCap();

    interface AccountConfig {
        /** A disabled account is known but not tracked: its intake messages are dead-lettered. */
        @WithDefault("true")
        boolean enabled();

        String apiKey();

        String apiToken();

        Optional<Region> region();

        Optional<String> baseUrl();

        OptionalInt rateSharePerMinute();
    }
}
