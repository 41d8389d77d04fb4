package io.calltracker.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts whose credentials Exotel rejected (401/403). A paused account gets one probe request per
 * recheck interval instead of a request storm; the first accepted request resumes it. Kept per
 * instance: a restart with fixed credentials starts unpaused and resumes at once.
 */
final class CredentialPauses {

    private final Duration recheckInterval;
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    CredentialPauses(Duration recheckInterval) {
        this.recheckInterval = recheckInterval;
    }

    record Pause(int httpStatus, Instant since, Instant nextProbeAt) {
    }

    /** Empty when the account is not paused or its probe is due (the probe is then taken by this caller). */
    Optional<Instant> deniedUntil(String accountSid, Instant now) {
        Pause pause = pauses.get(accountSid);
        if (pause == null) {
            return Optional.empty();
        }
        if (now.isBefore(pause.nextProbeAt())) {
            return Optional.of(pause.nextProbeAt());
        }
        Pause probing = new Pause(pause.httpStatus(), pause.since(), now.plus(recheckInterval));
        return pauses.replace(accountSid, pause, probing) ? Optional.empty() : Optional.of(probing.nextProbeAt());
    }

    /** @return true when this starts a pause (the account was running until now) */
    boolean pause(String accountSid, int httpStatus, Instant now) {
        return pauses.put(accountSid, new Pause(httpStatus, now, now.plus(recheckInterval))) == null;
    }

    /** @return true when the account was paused until now */
    boolean resume(String accountSid) {
        return pauses.remove(accountSid) != null;
    }

    Optional<Pause> pauseOf(String accountSid) {
        return Optional.ofNullable(pauses.get(accountSid));
    }
}
