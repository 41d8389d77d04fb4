package io.calltracker.guard;

import io.agroal.api.AgroalDataSource;
import io.calltracker.exotel.Account;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's rate share as a token bucket in PostgreSQL (Bucket4j), so every instance draws
 * from the same budget. A bucket of capacity C refilled at R per minute admits at most C + R
 * requests in any sliding minute; C + R = share keeps every minute inside the share, and a small C
 * (ten seconds' worth) keeps bursts short.
 */
@ApplicationScoped
public class RateBudget {

    private final ProxyManager<String> buckets;
    private final Map<String, BucketProxy> byAccount = new ConcurrentHashMap<>();

    public RateBudget(AgroalDataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_budget_bucket")
                .build();
    }

    /** Tokens available now; {@link Long#MAX_VALUE} for an unlimited account. */
    public long available(Account account) {
        return account.unlimited() ? Long.MAX_VALUE : bucket(account).getAvailableTokens();
    }

    public boolean tryConsume(Account account, int tokens) {
        return account.unlimited() || bucket(account).tryConsume(tokens);
    }

    /** Waits up to {@code maxWait} for the tokens (they are reserved, so waiting callers are served in turn). */
    public boolean tryConsume(Account account, int tokens, Duration maxWait) {
        if (account.unlimited()) {
            return true;
        }
        try {
            return bucket(account).asBlocking().tryConsume(tokens, maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private BucketProxy bucket(Account account) {
        return byAccount.computeIfAbsent(account.sid(), sid -> buckets.builder().build(sid, () -> configuration(account)));
    }

    static BucketConfiguration configuration(Account account) {
        long share = account.rateSharePerMinute();
        long burst = Math.max(1, share / 6);
        long refill = Math.max(1, share - burst);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, Duration.ofMinutes(1)).initialTokens(burst).build())
                .build();
    }
}
