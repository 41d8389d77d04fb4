package io.exotelsim;

import static io.exotelsim.ApiFixture.ACCOUNT;
import static io.exotelsim.ApiFixture.AUTH;
import static io.exotelsim.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What all simulated endpoints share: one budget per account, revocation, the counters. */
class SimulatedApiGateTest {

    private final ApiFixture sim = new ApiFixture(3);

    @Test
    void theEndpointsSpendOneBudgetPerAccount() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();

        assertThat(sim.callDetails.callDetails(ACCOUNT, sid, AUTH).status()).isEqualTo(200);
        assertThat(sim.legs.legs(ACCOUNT, sid, AUTH).status()).isEqualTo(200);
        assertThat(sim.bulk.calls(ACCOUNT, sid, AUTH).status()).isEqualTo(200);

        for (Function<String, ExotelReply> endpoint : endpoints(sid)) {
            assertThat(endpoint.apply(ACCOUNT).status()).isEqualTo(429);
        }
        assertThat(sim.legs.legs("other", sid, AUTH).status()).isEqualTo(404);
        assertThat(sim.limiter.peakPerMinute(ACCOUNT)).isEqualTo(6);
    }

    @Test
    void aRevokedAccountGets401EverywhereWithoutSpendingItsBudget() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        sim.update(FaultsUpdate.builder().revokedAccounts(List.of(ACCOUNT)));

        List<ExotelReply> replies = endpoints(sid).stream().map(endpoint -> endpoint.apply(ACCOUNT)).toList();

        assertThat(replies).extracting(ExotelReply::status).containsOnly(401);
        assertThat(json(replies.get(0)).at("/response/error_data/code").asInt()).isEqualTo(1010);
        assertThat(json(replies.get(1)).at("/response/error_data/code").asInt()).isEqualTo(1010);
        assertThat(json(replies.get(2)).at("/RestException/Status").asInt()).isEqualTo(401);
        assertThat(sim.limiter.peakPerMinute(ACCOUNT)).isZero();
        assertThat(sim.bulk.calls("other", sid, AUTH).status()).isEqualTo(200);

        sim.update(FaultsUpdate.builder().revokedAccounts(List.of()));
        assertThat(sim.callDetails.callDetails(ACCOUNT, sid, AUTH).status()).isEqualTo(200);
    }

    @Test
    void countsEachEndpointAndEachAccountsAnswers() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        sim.clock.advance(Duration.ofMinutes(1));
        sim.callDetails.callDetails(ACCOUNT, sid, AUTH);
        sim.legs.legs(ACCOUNT, sid, AUTH);
        sim.legs.legs(ACCOUNT, sid, "Basic bad");

        assertThat(sim.counters.byEndpoint()).containsExactly(
                Map.entry("v3_call_details", 1L), Map.entry("v3_legs", 2L), Map.entry("v1_bulk", 0L));
        assertThat(sim.accountStats().byStatus()).containsExactly(Map.entry("200", 2L), Map.entry("401", 1L));

        sim.counters.clear();
        assertThat(sim.counters.byEndpoint()).containsOnly(
                Map.entry("v3_call_details", 0L), Map.entry("v3_legs", 0L), Map.entry("v1_bulk", 0L));
    }

    /** Each endpoint, asked about {@code sid} under the account it is given. */
    private List<Function<String, ExotelReply>> endpoints(String sid) {
        return List.of(
                account -> sim.callDetails.callDetails(account, sid, AUTH),
                account -> sim.legs.legs(account, sid, AUTH),
                account -> sim.bulk.calls(account, sid, AUTH));
    }
}
