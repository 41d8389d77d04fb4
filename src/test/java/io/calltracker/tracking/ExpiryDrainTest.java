package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TestSids;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expiry pass runs only every tracker.expiry-interval, so one pass must end every call due to end,
 * however many claim batches they fill: at one batch per interval a backlog would outgrow the pass.
 */
@QuarkusTest
@TestProfile(LoopsOff.class)
@QuarkusTestResource(TrackerTestResources.class)
class ExpiryDrainTest {

    @Inject
    Expiry expiry;
    @Inject
    PollSchedule schedule;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void onePassEndsEveryCallDueToEndNotJustOneBatch() {
        List<String> sids = Stream.generate(TestSids::newCallSid).limit(2L * LoopsOff.BATCH + 1).toList();
        // disabled-account is configured enabled=false in %test: its calls are due to end at once.
        sids.forEach(sid -> schedule.enqueue(sid, "disabled-account", null, Duration.ofHours(1)));

        expiry.endExpiredCalls();

        assertThat(sids).allSatisfy(sid -> assertThat(Rows.value(dataSource,
                "SELECT outcome FROM tracked_call WHERE call_sid = ?", sid)).as(sid).isEqualTo("gave_up"));
    }
}
