package io.calltracker.bench;

import java.util.Map;

/**
 * The fleet part of the bench (issue 12, item 4; {@link FleetProbe}), by the names {@code make bench} takes.
 *
 * @param run            {@code fleet=true} runs it (off in quick and full: it takes 5–6 min)
 * @param accounts       accounts in the mounted config file, besides the default account
 * @param instances      tracker instances sharing the database and the intake consumer group
 * @param normalAccounts accounts with an ordinary load, measured alone and beside the saturating one
 * @param calls          calls per ordinary account per phase
 * @param rate           calls/hour of each ordinary account: 150 at 600/h arrive over 15 real minutes (30 s at k=30)
 * @param hotRate        calls/hour of the saturating account while the ordinary ones' arrive
 * @param hotShare       the saturating account's own rate share (requests/minute, set in the mounted file): at 8,000
 *                       calls/h (~150 requests/min) against 50 its backlog outlasts a minute of run time (the window
 *                       of the shared budget) even at k=30, at a load a 2-core box can carry beside three instances
 * @param idleSeconds    wall seconds the idle instances' claim statements are counted over
 */
record FleetSettings(boolean run, int accounts, int instances, int normalAccounts, int calls, double rate, double hotRate, int hotShare, int idleSeconds) {

    static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("fleet", "false"),
            Map.entry("fleet-accounts", "1000"), Map.entry("fleet-instances", "3"), Map.entry("fleet-normal", "4"),
            Map.entry("fleet-calls", "150"), Map.entry("fleet-rate", "600"), Map.entry("fleet-hot-rate", "8000"),
            Map.entry("fleet-hot-share", "50"),
            Map.entry("fleet-idle-seconds", "30"));

    static FleetSettings of(Map<String, String> v) {
        return new FleetSettings(Boolean.parseBoolean(v.get("fleet")), Integer.parseInt(v.get("fleet-accounts")),
                Integer.parseInt(v.get("fleet-instances")), Integer.parseInt(v.get("fleet-normal")),
                Integer.parseInt(v.get("fleet-calls")), Double.parseDouble(v.get("fleet-rate")),
                Double.parseDouble(v.get("fleet-hot-rate")), Integer.parseInt(v.get("fleet-hot-share")),
                Integer.parseInt(v.get("fleet-idle-seconds")));
    }
}
