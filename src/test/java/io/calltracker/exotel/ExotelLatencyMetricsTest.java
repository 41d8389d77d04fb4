package io.calltracker.exotel;

import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's Exotel latency panels (p50/p95/p99 with histogram_quantile) need bucket series:
 * after a call was polled, the scrape has them, for a few fixed bounds.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class ExotelLatencyMetricsTest extends PipelineHarness {

    @Inject
    CallSimulator simulator;

    @Test
    void polledCallsLeaveLatencyBucketsInTheScrape() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        send(sid, sid);
        awaitEvent(sid);

        String metrics = ManagementInterface.metrics();

        assertThat(metrics).containsPattern("exotel_api_requests_seconds_bucket\\{[^}]*endpoint=\"call_details\"[^}]*le=\"0\\.25\"");
        assertThat(metrics.lines().filter(line -> line.startsWith("exotel_api_requests_seconds_bucket")
                && line.contains("account=\"" + ACCOUNT + "\"") && line.contains("endpoint=\"call_details\"")
                && line.contains("status=\"200\""))).as("8 bounds and +Inf").hasSize(9);
    }
}
