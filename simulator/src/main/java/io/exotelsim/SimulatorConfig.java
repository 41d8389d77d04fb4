package io.exotelsim;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the Exotel simulator (the tracker's tests, {@code make run}, compose, benchmarks), e.g.
 * {@code -Dsimulator.rate-limit-per-minute=0} or {@code SIMULATOR_RATE_LIMIT_PER_MINUTE=0}.
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** The Basic-auth user the simulated API accepts. */
    @WithDefault("sim-key")
    String apiKey();

    /** The Basic-auth password the simulated API accepts. */
    @WithDefault("sim-token")
    String apiToken();

    /** Per account, over a sliding minute, as Exotel's "200 calls per minute"; 0 means unlimited. */
    @WithDefault("200")
    int rateLimitPerMinute();

    /** Whether a 429 says when to retry; Exotel does not promise it, so the tracker must cope without. */
    @WithDefault("true")
    boolean retryAfter();

    /** Initial fraction of API requests answered 500. */
    @WithDefault("0.0")
    double errorRate();

    /** Initial delay added to each API request. */
    @WithDefault("0s")
    Duration latency();

    /**
     * Where clients reach this simulator, for the links of served recordings (see {@link ServedRecordings});
     * by default localhost at the HTTP port.
     */
    @WithDefault("http://localhost:${quarkus.http.port}")
    String publicUrl();

    /** Random calls' durations are divided by this, to compress hours of traffic into minutes. */
    @WithDefault("1.0")
    double timeScale();

    /**
     * What v1 Bulk Call Details shows of a call relative to v3 ({@link V1Model}): listed-at-end (default),
     * endtime-at-end or listed-when-terminal. {@code PUT /simulator/v1-model} changes it at run time.
     */
    @WithDefault("listed-at-end")
    String v1Model();
}
