package io.calltracker.archive;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.AccountSignal;
import io.calltracker.exotel.Accounts;
import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.ExotelClient;
import io.calltracker.exotel.PollResult;
import io.calltracker.guard.AccountGate;
import io.calltracker.guard.Exchange;
import io.calltracker.guard.ExotelRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A fresh link for a recording whose link is dead: the call's v3 details fetched once more, through the
 * account's gate like every request to Exotel (so it is paid from the account's rate share and stops while
 * the account is rate limited or its circuit open). The download itself is from the link and costs nothing
 * of the share.
 */
@ApplicationScoped
class LinkRefresher {

    /** Like the legs of a finished call: one follow-up request may wait a little for the shared budget. */
    private static final Duration BUDGET_WAIT = Duration.ofSeconds(2);

    private final AccountGate gate;
    private final ExotelClient exotel;
    private final Accounts accounts;

    LinkRefresher(AccountGate gate, ExotelClient exotel, Accounts accounts) {
        this.gate = gate;
        this.exotel = exotel;
        this.accounts = accounts;
    }

    /** What asking v3 for a fresh link gave. */
    sealed interface Refresh {
        /** A new link for the recording. */
        record Fresh(String url) implements Refresh {
        }

        /** Exotel answered, and there is no such recording any more (or the call, or the account, is gone). */
        record Gone(String reason) implements Refresh {
        }

        /** Not asked or no usable answer (rate share, circuit, 5xx): ask again after {@code retryAt}, or later. */
        record NotNow(String reason, Instant retryAt) implements Refresh {
        }
    }

    Refresh refresh(String accountSid, String callSid, int index) {
        Optional<Account> account = accounts.find(accountSid);
        if (account.isEmpty()) {
            return new Refresh.Gone("account " + accountSid + " is not configured here; no fresh link");
        }
        Exchange<PollResult> exchange = gate.exchange(account.get(),
                new ExotelRequest<>(() -> exotel.fetchCallDetails(account.get(), callSid), AccountSignal::of, BUDGET_WAIT));
        if (exchange instanceof Exchange.Refused<PollResult> refused) {
            return new Refresh.NotNow("fresh link not asked: " + refused.reason(), refused.retryAt());
        }
        PollResult result = ((Exchange.Answered<PollResult>) exchange).answer();
        if (result instanceof PollResult.Found found) {
            List<CallDetails.Recording> recordings = found.details().recordingsOrEmpty();
            return recordings.size() >= index
                    ? new Refresh.Fresh(recordings.get(index - 1).url())
                    : new Refresh.Gone("the call's details list " + recordings.size() + " recording(s), not #" + index);
        }
        if (result instanceof PollResult.NotFound) {
            return new Refresh.Gone("the call's details answered 404");
        }
        return new Refresh.NotNow("fresh link not given: " + result.getClass().getSimpleName(), null);
    }
}
