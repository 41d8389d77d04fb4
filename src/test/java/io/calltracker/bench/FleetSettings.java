package io.calltracker.bench;

import java.util.Map;

/**
 * The fleet part of the bench (issue 12, item 4; {@link FleetProbe}), by the names {@code make bench} takes.
 *
 * @param run            {@code fleet=true} runs it (off in quick and full: it takes ~6 min)
 * @param accounts       accounts in the mounted config file, besides the default account
 * @param instances      tracker instances sharing the database and the intake consumer group
 * @param normalAccounts accounts with an ordinary load, measured alone and beside the saturating one
 * @param calls          calls per ordinary account per phase, arriving at the profile's {@code rate}
 * @param hotRate        calls/hour of the saturating account (its share covers about 8,000 at ~1.1 requests a call)
 * @param idleSeconds    wall seconds the idle instances' claim statements are counted over
 */
record FleetSettings(boolean run, int accounts, int instances, int normalAccounts, int calls, double hotRate, int idleSeconds) {

    static final Map<String, String> DEFAULTS = Map.of("fleet", "false", "fleet-accounts", "1000", "fleet-instances", "3",
            "fleet-normal", "4", "fleet-calls", "150", "fleet-hot-rate", "20000", "fleet-idle-seconds", "30");

    static FleetSettings of(Map<String, String> v) {
        return new FleetSettings(Boolean.parseBoolean(v.get("fleet")), Integer.parseInt(v.get("fleet-accounts")),
                Integer.parseInt(v.get("fleet-instances")), Integer.parseInt(v.get("fleet-normal")),
                Integer.parseInt(v.get("fleet-calls")), Double.parseDouble(v.get("fleet-hot-rate")),
                Integer.parseInt(v.get("fleet-idle-seconds")));
    }
}
