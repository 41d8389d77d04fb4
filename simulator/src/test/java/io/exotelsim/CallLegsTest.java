package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallLegsTest {

    // 2022-11-03 22:54:40+05:30; by default the call ends 7 s later
    private static final Instant CREATED = Instant.parse("2022-11-03T17:24:40Z");
    private static final Instant ENDED = CREATED.plusSeconds(7);

    @ParameterizedTest(name = "{0}: from {1}, to {2}")
    @CsvSource({
            "completed,           completed, completed",
            "to_leg_unanswered,   completed, no-answer",
            "to_leg_no_dial,      completed, failed",
            "from_leg_unanswered, no-answer,",
            "from_leg_cancelled,  no-answer,",
            "from_leg_no_dial,    failed,",
            "busy_everywhere,     failed,"})
    void derivesEachLegsStatusFromTheCallsStatus(String callStatus, String fromStatus, String toStatus) {
        Map<String, Object> details = CallLegs.at(call(callStatus, "outbound"), ENDED);

        assertThat(legs(details, "from")).singleElement().extracting(leg -> leg.get("status")).isEqualTo(fromStatus);
        if (toStatus == null) {
            assertThat(legs(details, "to")).isEmpty();
        } else {
            assertThat(legs(details, "to")).singleElement().extracting(leg -> leg.get("status")).isEqualTo(toStatus);
        }
    }

    @Test
    void anOutboundCallGoesFromTheAgentToTheCustomer() {
        SimulatedCall call = call("completed", "outbound");

        Map<String, Object> details = CallLegs.at(call, ENDED);

        assertThat(details.keySet()).containsExactly("call_sid", "account_sid", "from", "to");
        assertThat(details).containsEntry("call_sid", call.sid()).containsEntry("account_sid", "acc");
        Map<String, Object> from = legs(details, "from").get(0);
        assertThat(from.keySet())
                .containsExactly("sid", "name", "contact_uri", "date_created", "date_updated", "status");
        assertThat(from)
                .containsEntry("name", "Simulated Agent")
                .containsEntry("contact_uri", call.parties().agentNumber())
                .containsEntry("date_created", "2022-11-03 22:54:40+05:30")
                .containsEntry("date_updated", "2022-11-03 22:54:47+05:30");
        Map<String, Object> to = legs(details, "to").get(0);
        assertThat(to.keySet()).containsExactly("sid", "name", "contact_uri", "date_created", "date_updated", "status",
                "group_id", "group_name");
        assertThat(to)
                .containsEntry("name", null)
                .containsEntry("contact_uri", call.parties().customerNumber())
                .containsEntry("group_id", null)
                .containsEntry("group_name", null);
    }

    @Test
    void anInboundCallGoesFromTheCustomerToAnAgentOfAGroup() {
        SimulatedCall call = call("completed", "inbound");

        Map<String, Object> details = CallLegs.at(call, ENDED);

        assertThat(legs(details, "from").get(0))
                .containsEntry("name", null)
                .containsEntry("contact_uri", call.parties().customerNumber());
        assertThat(legs(details, "to").get(0))
                .containsEntry("name", "Simulated Agent")
                .containsEntry("contact_uri", call.parties().agentNumber())
                .containsEntry("group_id", "1001")
                .containsEntry("group_name", "Support");
    }

    @Test
    void listsNoLegsUntilTheCallHasEndedThenTheSameOnesEveryTime() {
        SimulatedCall call = call("completed", "outbound");

        Map<String, Object> talking = CallLegs.at(call, ENDED.minusMillis(1));
        Map<String, Object> postProcessing = CallLegs.at(call, ENDED);
        Map<String, Object> terminal = CallLegs.at(call, call.terminalAt());

        assertThat(legs(talking, "from")).isEmpty();
        assertThat(legs(talking, "to")).isEmpty();
        assertThat(postProcessing).isEqualTo(terminal).isEqualTo(CallLegs.at(call, call.terminalAt()));
        String fromSid = (String) legs(terminal, "from").get(0).get("sid");
        String toSid = (String) legs(terminal, "to").get(0).get("sid");
        assertThat(fromSid).matches("[0-9a-f]{32}").isNotEqualTo(toSid).isNotEqualTo(call.sid());
    }

    @Test
    void differentCallsHaveDifferentNumbers() {
        CallParties one = call("completed", "outbound").parties();
        CallParties other = call("completed", "outbound").parties();

        assertThat(one.customerNumber()).matches("\\+9198\\d{8}").isNotEqualTo(other.customerNumber());
        assertThat(one.agentNumber()).matches("\\+9197\\d{8}").isNotEqualTo(other.agentNumber());
    }

    private static SimulatedCall call(String status, String direction) {
        return SimulatedCall.from(SimulatedCallSpec.forAccount("acc").status(status).direction(direction)
                .ring(Duration.ofSeconds(2)).talk(Duration.ofSeconds(5)).build(), CREATED);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> legs(Map<String, Object> details, String side) {
        return (List<Map<String, Object>>) details.get(side);
    }
}
