package io.calltracker.guard;

import io.agroal.api.AgroalDataSource;
import io.calltracker.exotel.Account;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.github.bucket4j.BucketConfiguration;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate share is one bucket in PostgreSQL, whatever the number of instances drawing from it. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class RateBudgetTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoInstancesDrawFromOneBudget() {
        Account account = new Account("budget-" + UUID.randomUUID().toString().substring(0, 8), "http://unused", "http://unused", "Basic x", 60);
        RateBudget first = new RateBudget(dataSource);
        RateBudget second = new RateBudget(dataSource);

        int granted = 0;
        for (int i = 0; i < 50; i++) {
            granted += first.tryConsume(account, 1) ? 1 : 0;
            granted += second.tryConsume(account, 1) ? 1 : 0;
        }

        // 60/min = a burst of 10 plus 50 refilled over the minute; 100 quick tries get the burst (and a token of refill at most).
        assertThat(granted).isBetween(10, 11);
        assertThat(first.available(account)).isLessThanOrEqualTo(1);
        assertThat(second.available(account)).isLessThanOrEqualTo(1);
    }

    @Test
    void aLoweredShareTakesEffectOnTheNextRequests() {
        String sid = "budget-" + UUID.randomUUID().toString().substring(0, 8);
        RateBudget before = new RateBudget(dataSource);
        RateBudget after = new RateBudget(dataSource);
        // 600/min: a burst of 100. Lowered to 6/min: a burst of 1 and 5 a minute.
        assertThat(before.tryConsume(new Account(sid, "http://unused", "http://unused", "Basic x", 600), 1)).isTrue();

        Account lowered = new Account(sid, "http://unused", "http://unused", "Basic x", 6);
        int granted = 0;
        for (int i = 0; i < 50; i++) {
            granted += after.tryConsume(lowered, 1) ? 1 : 0;
        }

        // The first request may still run under the old configuration; from then on the new burst of 1
        // (and at most a token of refill) is all there is, not the 99 tokens left of the old one.
        assertThat(granted).isBetween(1, 3);
        assertThat(before.available(lowered)).isLessThanOrEqualTo(1);
    }

    @Test
    void aThrottledRequestCostsMoreTokens() {
        Account account = new Account("budget-" + UUID.randomUUID().toString().substring(0, 8), "http://unused", "http://unused", "Basic x", 60);
        RateBudget budget = new RateBudget(dataSource);

        assertThat(budget.tryConsume(account, 8)).isTrue();
        assertThat(budget.tryConsume(account, 8)).isFalse();
    }

    @Test
    void noSlidingMinuteHoldsMoreThanTheShare() {
        for (int share : new int[] {1, 6, 7, 60, 150, 200, 5000}) {
            BucketConfiguration configuration = RateBudget.configuration(new Account("a", "u", "u", "x", share));
            long burst = configuration.getBandwidths()[0].getCapacity();
            long refillPerMinute = configuration.getBandwidths()[0].getRefillTokens();
            assertThat(burst + refillPerMinute).as("share %d", share).isLessThanOrEqualTo(Math.max(2, share));
        }
    }

    @Test
    void anUnlimitedAccountIsNeverRefused() {
        Account account = new Account("free", "http://unused", "http://unused", "Basic x", 0);
        RateBudget budget = new RateBudget(dataSource);
        for (int i = 0; i < 1_000; i++) {
            assertThat(budget.tryConsume(account, 1)).isTrue();
        }
    }
}
