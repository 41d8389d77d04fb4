package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collection;
import java.util.Set;

/** The body of {@code PUT /simulator/faults}: a null field leaves that fault as it is. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FaultsUpdate(
        Double errorRate,
        Long latencyMs,
        Integer rateLimitPerMinute,
        Set<String> legsDisabledAccounts,
        Set<String> v1DisabledAccounts,
        Set<String> revokedAccounts,
        Double callbackDropRate,
        Long callbackDelayMs) {

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction for Java callers: only the faults named change. */
    public static final class Builder {
        private Double errorRate;
        private Long latencyMs;
        private Integer rateLimitPerMinute;
        private Set<String> legsDisabledAccounts;
        private Set<String> v1DisabledAccounts;
        private Set<String> revokedAccounts;
        private Double callbackDropRate;
        private Long callbackDelayMs;

        private Builder() {
        }

        public Builder errorRate(double errorRate) {
            this.errorRate = errorRate;
            return this;
        }

        public Builder latencyMs(long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        public Builder rateLimitPerMinute(int rateLimitPerMinute) {
            this.rateLimitPerMinute = rateLimitPerMinute;
            return this;
        }

        public Builder legsDisabledAccounts(Collection<String> accounts) {
            this.legsDisabledAccounts = Set.copyOf(accounts);
            return this;
        }

        public Builder v1DisabledAccounts(Collection<String> accounts) {
            this.v1DisabledAccounts = Set.copyOf(accounts);
            return this;
        }

        public Builder revokedAccounts(Collection<String> accounts) {
            this.revokedAccounts = Set.copyOf(accounts);
            return this;
        }

        public Builder callbackDropRate(double callbackDropRate) {
            this.callbackDropRate = callbackDropRate;
            return this;
        }

        public Builder callbackDelayMs(long callbackDelayMs) {
            this.callbackDelayMs = callbackDelayMs;
            return this;
        }

        public FaultsUpdate build() {
            return new FaultsUpdate(errorRate, latencyMs, rateLimitPerMinute, legsDisabledAccounts,
                    v1DisabledAccounts, revokedAccounts, callbackDropRate, callbackDelayMs);
        }
    }
}
