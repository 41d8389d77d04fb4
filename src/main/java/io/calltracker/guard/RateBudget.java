package io.calltracker.guard;

import io.agroal.api.AgroalDataSource;
import io.calltracker.exotel.Account;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's rate share as a token bucket in PostgreSQL (Bucket4j), so every instance draws
 * from the same budget. A bucket of capacity C refilled at R per minute admits at most C + R
 * requests in any sliding minute; C + R = share keeps every minute inside the share, and a small C
 * (ten seconds' worth) keeps bursts short.
 * <p>
 * Bucket4j stores the configuration with the bucket and asks for one only when it creates the row, so
 * a changed share would never reach an existing bucket. Every answer of the bucket carries the
 * configuration it ran with (its verbose form, same round trip); when that is not this instance's,
 * the bucket is reconfigured, so a new share takes effect on the next request of any instance. Tokens
 * are kept as they are (at most the new capacity): a lowered share cannot be overdrawn by the old
 * burst, a raised one grants no extra burst. While instances disagree (a rolling deploy) the bucket
 * follows the last one to draw from it, never exceeding the larger of the shares.
 */
@ApplicationScoped
public class RateBudget {

    private static final Logger LOG = Logger.getLogger(RateBudget.class);

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
        return account.unlimited() ? Long.MAX_VALUE : conformed(account, bucket(account).asVerbose().getAvailableTokens());
    }

    public boolean tryConsume(Account account, int tokens) {
        return account.unlimited() || conformed(account, bucket(account).asVerbose().tryConsume(tokens));
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

    /** The answer's value, after bringing the bucket to this instance's configuration if it ran with another. */
    private <T> T conformed(Account account, VerboseResult<T> answer) {
        BucketConfiguration wanted = configuration(account);
        if (!wanted.equals(answer.getConfiguration())) {
            bucket(account).replaceConfiguration(wanted, TokensInheritanceStrategy.AS_IS);
            LOG.debugf("account %s: rate budget reconfigured to a share of %d requests/minute", account.sid(),
                    account.rateSharePerMinute());
        }
        return answer.getValue();
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
