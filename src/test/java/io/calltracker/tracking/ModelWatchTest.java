package io.calltracker.tracking;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.ExotelConfig;
import io.calltracker.exotel.V1Calls;
import io.calltracker.testing.ConfigMappings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which observations of v1 and v3 contradict the bulk model, and which do not (all on a fixed clock). */
class ModelWatchTest {

    private static final Instant ENDED = Instant.parse("2026-12-02T10:00:00Z");
    private static final String V1_END = "2026-12-02 15:30:00"; // ENDED in IST, as v1 writes it
    private static final String V3_END = "2026-12-02 15:30:00+05:30";
    private static final String SID = "cabfb1dfa8c5e1c7f2c458423b7716b3";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TrackerConfig config = ConfigMappings.read(TrackerConfig.class, Map.of(
            "tracker.bulk.enabled", "true", "tracker.bulk.contradiction-min-sample", "3", "tracker.bulk.model-tolerance", "5s"));
    private final Accounts accounts = new Accounts(ConfigMappings.read(ExotelConfig.class, Map.of()));
    private final Account account = accounts.get("test-account");
    private final BulkAvailability availability = new BulkAvailability(config, accounts, meters);
    private final ModelWatch watch = new ModelWatch(config, accounts, availability, meters,
            Clock.fixed(ENDED.plusSeconds(60), ZoneOffset.UTC));

    @Test
    void everyAccountAndKindIsExportedAtZeroFromTheStart() {
        for (Account each : accounts.all()) {
            for (ModelContradiction kind : ModelContradiction.values()) {
                assertThat(count(each, kind)).as(each.sid() + " " + kind).isZero();
            }
            assertThat(meters.get("tracker.bulk.model.contradiction.rate").tag("account", each.sid()).gauge().value()).isZero();
        }
    }

    @Test
    void aCallListedAsProcessedWhoseV3FetchSaysActiveContradictsTheModel() {
        watch.swept(account, List.of(new PollSchedule.Swept(SID, ENDED.minusSeconds(10), false)), List.of(processed(SID)));

        watch.fetched(account, claim(false, ENDED.plusSeconds(1)), details("active"), ENDED.plusSeconds(61));

        assertThat(count(account, ModelContradiction.LISTED_ACTIVE)).isEqualTo(1);
    }

    @Test
    void aCallListedAsProcessedWhoseV3FetchSaysTerminalIsWhatTheModelSays() {
        watch.swept(account, List.of(new PollSchedule.Swept(SID, ENDED.minusSeconds(10), false)), List.of(processed(SID)));

        watch.fetched(account, claim(true, ENDED.plusSeconds(1)), details("terminal"), ENDED.plusSeconds(61));

        assertNothingCounted();
    }

    @Test
    void aV3ReplyAskedForBeforeTheListingIsNotTheFetchTheListingPrompted() {
        watch.swept(account, List.of(new PollSchedule.Swept(SID, ENDED.minusSeconds(10), false)), List.of(processed(SID)));

        watch.fetched(account, claim(false, ENDED.plusSeconds(1)), details("active"), ENDED.plusSeconds(59));

        assertNothingCounted();
    }

    @Test
    void aFirstListingWithAnEndTimeOlderThanAnEarlierEmptySweepIsEndedUnlisted() {
        watch.swept(account, List.of(new PollSchedule.Swept(SID, ENDED.plusSeconds(10), false)), List.of(processed(SID)));

        assertThat(count(account, ModelContradiction.ENDED_UNLISTED)).isEqualTo(1);
    }

    @Test
    void anEarlierSweepWithinTheToleranceOfTheEndOrAlreadyListedOrNeverSweptOrAnUnreadableEndTimeIsNoContradiction() {
        watch.swept(account, List.of(
                new PollSchedule.Swept("a" + SID, ENDED.plusSeconds(5), false),
                new PollSchedule.Swept("b" + SID, ENDED.plusSeconds(30), true),
                new PollSchedule.Swept("c" + SID, null, false),
                new PollSchedule.Swept("d" + SID, ENDED.plusSeconds(30), false),
                new PollSchedule.Swept("e" + SID, ENDED.plusSeconds(30), false)),
                List.of(processed("a" + SID), processed("b" + SID), processed("c" + SID),
                        new V1Calls.Call("d" + SID, "completed", "tomorrow-ish", "60"),
                        new V1Calls.Call("e" + SID, "completed", null, null)));

        assertNothingCounted();
    }

    @Test
    void listingsOfCallsNobodyAskedAboutAreIgnored() {
        watch.swept(account, List.of(new PollSchedule.Swept(SID, ENDED.plusSeconds(30), false)),
                List.of(processed("x" + SID), processed("y" + SID)));
        watch.fetched(account, claim("x" + SID, false, null), details("active"), ENDED.plusSeconds(61));

        assertNothingCounted();
    }

    @Test
    void aTerminalCallNoListingPromptedThatASweepAfterItsEndLeftOutIsTerminalUnlisted() {
        watch.fetched(account, claim(false, ENDED.plusSeconds(30)), details("terminal"), ENDED.plusSeconds(61));

        assertThat(count(account, ModelContradiction.TERMINAL_UNLISTED)).isEqualTo(1);
    }

    @Test
    void aTerminalCallSweptOnlyBeforeItsEndOrWithinTheToleranceOrListedBeforeIsNoContradiction() {
        watch.fetched(account, claim(false, ENDED.minusSeconds(30)), details("terminal"), ENDED.plusSeconds(61));
        watch.fetched(account, claim(false, ENDED.plusSeconds(5)), details("terminal"), ENDED.plusSeconds(61));
        watch.fetched(account, claim(true, ENDED.plusSeconds(30)), details("terminal"), ENDED.plusSeconds(61));
        watch.fetched(account, claim(false, null), details("terminal"), ENDED.plusSeconds(61));

        assertNothingCounted();
    }

    @Test
    void passingTheThresholdSwitchesTheAccountToPerCallPollingAndOnlyIt() {
        for (int i = 0; i < 3; i++) {
            watch.fetched(account, claim(i + SID, false, ENDED.plusSeconds(30)), details("terminal"), ENDED.plusSeconds(61));
        }

        assertThat(availability.watching(account)).isFalse();
        assertThat(accounts.all().stream().filter(a -> !a.equals(account))).allSatisfy(other ->
                assertThat(availability.watching(other)).isTrue());
    }

    @Test
    void belowTheMinimumSampleTheAccountStaysOnBulk() {
        for (int i = 0; i < 2; i++) {
            watch.fetched(account, claim(i + SID, false, ENDED.plusSeconds(30)), details("terminal"), ENDED.plusSeconds(61));
        }

        assertThat(availability.watching(account)).isTrue();
        assertThat(watch.rate(account)).isEqualTo(1.0);
    }

    private void assertNothingCounted() {
        for (ModelContradiction kind : ModelContradiction.values()) {
            assertThat(count(account, kind)).as(kind.wireName()).isZero();
        }
    }

    private double count(Account of, ModelContradiction kind) {
        return meters.get("tracker.bulk.model.contradictions").tag("account", of.sid()).tag("kind", kind.wireName())
                .counter().count();
    }

    private static V1Calls.Call processed(String sid) {
        return new V1Calls.Call(sid, "completed", V1_END, "60");
    }

    private Claim claim(boolean listedBefore, Instant sweptAt) {
        return claim(SID, listedBefore, sweptAt);
    }

    private Claim claim(String sid, boolean listedBefore, Instant sweptAt) {
        return new Claim(sid, account.sid(), 1, ENDED.minusSeconds(120), 1, 1, null, null, 0, listedBefore, sweptAt);
    }

    private static CallDetails details(String state) {
        return new CallDetails(SID, "outbound", "+911414941199", state, "terminal".equals(state) ? "completed" : null, null,
                "2026-12-02 15:28:00+05:30", "2026-12-02 15:30:00+05:30", "2026-12-02 15:28:05+05:30", V3_END, null, null,
                null, null, null, null, List.of());
    }
}
