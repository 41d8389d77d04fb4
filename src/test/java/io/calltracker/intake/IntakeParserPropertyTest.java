package io.calltracker.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.testing.HostileInputs;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.function.Supplier;

import static io.calltracker.testing.HostileInputs.quote;

/**
 * Every parser that sees intake values or status callbacks is total: whatever it is given, it returns
 * a value or throws {@link RejectedIntakeException} (the reason a record is dead-lettered with, or a 400),
 * and nothing else escapes to fail a Kafka batch or answer 500. Seeded: a failure names the seed.
 */
class IntakeParserPropertyTest {

    private static final int TRIES = 2_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final IntakeParser intake = new IntakeParser(mapper, "test-account", Set.of("test-account", "second-account"),
            Set.of("disabled-account"), 1 << 20);
    private final StatusCallbackParser callbacks = new StatusCallbackParser(mapper);

    @Test
    void anIntakeValueIsAcceptedOrRejectedWithAReason() {
        HostileInputs.forAll(TRIES, g -> acceptedOrRejected(() -> intake.parse(g.intakeValue())));
    }

    @Test
    void aJsonStatusCallbackIsReadOrRejectedWithAReason() {
        HostileInputs.forAll(TRIES, g -> {
            String body = switch (g.random().nextInt(4)) {
                case 0 -> "{\"CallSid\":" + (g.chance(0.7) ? quote(g.sidLike()) : g.jsonValue(2))
                        + (g.chance(0.5) ? ",\"AccountSid\":" + g.jsonValue(1) : "")
                        + (g.chance(0.5) ? ",\"EndTime\":" + (g.chance(0.5) ? quote(g.anyString(25)) : g.jsonValue(1)) : "")
                        + ",\"Legs\":" + g.jsonValue(4) + "}";
                case 1 -> "{\"CallSid\":" + quote(g.callSid()) + ",\"x\":" + g.deepNesting(900 + g.random().nextInt(300)) + "}";
                case 2 -> g.broken(g.jsonObject(3));
                default -> g.intakeValue();
            };
            acceptedOrRejected(() -> intake.request(callbacks.json(body).callSid(), callbacks.json(body).accountSid(), null));
        });
    }

    @Test
    void aFormStatusCallbackIsReadOrRejectedWithAReason() {
        HostileInputs.forAll(TRIES, g -> acceptedOrRejected(() -> {
            StatusCallback callback = callbacks.form(g.chance(0.1) ? null : g.sidLike(), g.chance(0.3) ? null : g.anyString(20),
                    g.chance(0.3) ? "2026-12-02 15:30:0" + g.random().nextInt(10) : g.anyString(25));
            return intake.request(callback.callSid(), callback.accountSid() == null ? "test-account" : callback.accountSid(), null);
        }));
    }

    private static void acceptedOrRejected(Supplier<?> parse) {
        try {
            parse.get();
        } catch (RejectedIntakeException rejected) {
            // A named rejection: the property holds.
        }
    }
}
