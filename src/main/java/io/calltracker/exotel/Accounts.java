package io.calltracker.exotel;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured accounts: the default one ({@code exotel.account-sid}) and any under {@code exotel.accounts}. */
@ApplicationScoped
public class Accounts {

    private final Map<String, Account> bySid = new LinkedHashMap<>();
    private final Set<String> disabled = new HashSet<>();
    private final String defaultSid;

    public Accounts(ExotelConfig config) {
        this.defaultSid = config.accountSid();
        int defaultShare = config.rateSharePerMinute();
        Hosts defaultHosts = Hosts.of(config.baseUrl(), Optional.of(config.region())).orElseThrow();
        add(new Account(defaultSid, defaultHosts.v3(), defaultHosts.v1(), basic(config.apiKey(), config.apiToken()), defaultShare));
        config.accounts().entrySet().stream().filter(e -> !e.getValue().enabled()).forEach(e -> disabled.add(e.getKey()));
        config.accounts().entrySet().stream().filter(e -> e.getValue().enabled()).forEach(e -> add(e.getKey(), e.getValue(),
                defaultHosts, defaultShare));
    }

    private void add(String sid, ExotelConfig.AccountConfig account, Hosts defaultHosts, int defaultShare) {
        Hosts hosts = Hosts.of(account.baseUrl(), account.region()).orElse(defaultHosts);
        add(new Account(sid, hosts.v3(), hosts.v1(), basic(account.apiKey(), account.apiToken()),
                account.rateSharePerMinute().orElse(defaultShare)));
    }

    /** A base URL (simulator, proxy) serves both API families; a region names one host for each. */
    private record Hosts(String v3, String v1) {
        static Optional<Hosts> of(Optional<String> baseUrl, Optional<Region> region) {
            Optional<String> base = baseUrl.filter(url -> !url.isBlank());
            if (base.isPresent()) {
                return Optional.of(new Hosts(base.get(), base.get()));
            }
            return region.map(r -> new Hosts(r.v3Host(), r.v1Host()));
        }
    }

    public String defaultSid() {
        return defaultSid;
    }

    public Optional<Account> find(String sid) {
        return Optional.ofNullable(bySid.get(sid));
    }

    public Account get(String sid) {
        return find(sid).orElseThrow(() -> new IllegalArgumentException("account " + sid + " is not configured"));
    }

    public List<Account> all() {
        return List.copyOf(bySid.values());
    }

    public Set<String> sids() {
        return Set.copyOf(bySid.keySet());
    }

    /** Configured with {@code enabled=false}: known, but not tracked. */
    public Set<String> disabledSids() {
        return Set.copyOf(disabled);
    }

    private void add(Account account) {
        if (!Sids.isAccountSid(account.sid())) {
            throw new IllegalArgumentException("account SID must match " + Sids.ACCOUNT_SID_PATTERN);
        }
        bySid.put(account.sid(), account);
    }

    private static String basic(String key, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + token).getBytes(StandardCharsets.UTF_8));
    }
}
