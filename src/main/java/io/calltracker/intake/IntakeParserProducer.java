package io.calltracker.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.exotel.Accounts;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link IntakeParser} of the application, so Kafka and the admin API accept exactly the same values. */
@Singleton
public class IntakeParserProducer {

    @Produces
    @Singleton
    IntakeParser parser(ObjectMapper mapper, Accounts accounts, IntakeConfig intake) {
        return new IntakeParser(mapper, accounts.defaultSid(), accounts.sids(), accounts.disabledSids(),
                intake.maxBytes());
    }
}
