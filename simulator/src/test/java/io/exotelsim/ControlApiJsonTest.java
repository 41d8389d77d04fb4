package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The control API speaks snake_case, whatever naming the application's ObjectMapper uses elsewhere. */
class ControlApiJsonTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void readsACallSpec() throws Exception {
        SimulatedCallSpec spec = json.readValue("""
                {"account_sid": "acc", "status": "from_leg_cancelled", "ring_ms": 100, "post_processing_ms": 7,
                 "virtual_number": "+911", "custom_field": "c", "app_id": "1", "recordings": 2,
                 "status_callback_url": "https://example.com/cb",
                 "status_callback_content_type": "application/json",
                 "served_recordings": {"bytes": 1000, "link_ttl_ms": 500, "expired_links": 1}}""",
                SimulatedCallSpec.class);

        assertThat(spec).isEqualTo(new SimulatedCallSpec(null, "acc", "from_leg_cancelled", null, "+911", 100L, null,
                7L, null, null, "c", "1", null, 2, "https://example.com/cb", "application/json",
                new ServedRecordings(1000L, 500L, 1)));
    }

    @Test
    void readsAScript() throws Exception {
        List<ScriptedReply> replies = json.readValue("""
                [{"status": 500}, {"status": 429, "retry_after_seconds": 3}, {"status": 200, "body": "not json"}]""",
                new TypeReference<>() {
                });

        assertThat(replies).containsExactly(ScriptedReply.withStatus(500), new ScriptedReply(429, 3, null),
                new ScriptedReply(200, null, "not json"));
    }

    @Test
    void readsAPartialFaultsUpdateAndWritesTheFaults() throws Exception {
        FaultsUpdate update = json.readValue("""
                {"latency_ms": 50, "legs_disabled_accounts": ["b", "a"], "v1_disabled_accounts": ["c"],
                 "callback_drop_rate": 0.25}""", FaultsUpdate.class);
        Faults faults = Faults.initial(0.1, 0, 200)
                .with(FaultsUpdate.builder().revokedAccounts(List.of("r")).callbackDelayMs(7).build())
                .with(update);

        assertThat(json.readValue(json.writeValueAsString(faults), Map.class)).isEqualTo(Map.of(
                "error_rate", 0.1, "latency_ms", 50, "rate_limit_per_minute", 200,
                "legs_disabled_accounts", List.of("a", "b"), "v1_disabled_accounts", List.of("c"),
                "revoked_accounts", List.of("r"), "callback_drop_rate", 0.25, "callback_delay_ms", 7));
    }

    @Test
    void rejectsFaultsOutOfRange() {
        Faults faults = Faults.initial(0, 0, 0);

        assertThatThrownBy(() -> faults.with(FaultsUpdate.builder().callbackDropRate(1.5).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callback_drop_rate");
        assertThatThrownBy(() -> faults.with(FaultsUpdate.builder().callbackDelayMs(-1).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callback_delay_ms");
        assertThatThrownBy(() -> faults.with(new FaultsUpdate(null, null, null, null, Set.of(" "), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v1_disabled_accounts");
    }

    @Test
    void writesStatsAndRegisteredCalls() throws Exception {
        SimulatorStats stats = new SimulatorStats(3,
                Map.of("acc", new SimulatorStats.AccountStats(3, Map.of("200", 3L), 3, 0)),
                Map.of("v3_call_details", 3L),
                new SimulatorStats.CallCounts(1, 0),
                new SimulatorStats.CallbackCounts(4, 5, 6, 7));

        assertThat(json.writeValueAsString(stats)).isEqualTo("{\"requests_total\":3,\"requests_by_account\":"
                + "{\"acc\":{\"total\":3,\"by_status\":{\"200\":3},\"peak_per_minute\":3,\"requests_inside_retry_after\":0}},"
                + "\"requests_by_endpoint\":{\"v3_call_details\":3},"
                + "\"calls\":{\"registered\":1,\"terminal\":0},"
                + "\"callbacks\":{\"sent\":4,\"dropped\":5,\"failed\":6,\"duplicated\":7}}");
        assertThat(json.readValue(json.writeValueAsString(
                new RegisteredCall("s", "a", "completed", Instant.EPOCH, Instant.EPOCH)), Map.class).keySet())
                .containsExactly("sid", "account_sid", "status", "terminal_at", "ended_at");
    }
}
