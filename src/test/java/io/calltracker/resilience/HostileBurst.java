package io.calltracker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.calltracker.testing.TestSids.newCallSid;

/**
 * The hostile intake the fault suite mixes into normal traffic: every entry of the bad-input corpus
 * ({@code src/test/resources/bad-intake/corpus.json}) and the poison pills that once stalled a
 * partition, each carrying the SID of a real call so that it reaches the database if the parser lets
 * it through. Each must end on the dead-letter topic, or (NUL, if stripped) as a tracked call.
 */
final class HostileBurst {

    /** One hostile record: {@code callSid} is the real call it names, or null when it names none. */
    record HostileInput(String name, String key, String value, String callSid) {
    }

    private HostileBurst() {
    }

    /** @param registeredCall registers a call on the simulated Exotel and returns its SID */
    static List<HostileInput> inputs(Supplier<String> registeredCall) {
        List<HostileInput> inputs = new ArrayList<>(corpus());
        inputs.addAll(poisonPills(registeredCall));
        return inputs;
    }

    private static List<HostileInput> poisonPills(Supplier<String> registeredCall) {
        String deep = "[".repeat(1_100) + "]".repeat(1_100);
        String hugeNumber = "9".repeat(1_100);
        return List.of(
                pill("1,100 levels deep metadata", registeredCall.get(), "{\"a\": " + deep + "}"),
                pill("1,100-digit number in metadata", registeredCall.get(), "{\"n\": " + hugeNumber + "}"),
                // JSON's escape, which Jackson turns into a real NUL character: PostgreSQL's jsonb refuses it.
                pill("NUL in metadata", registeredCall.get(), "{\"note\": \"a\\u0000b\"}"));
    }

    private static HostileInput pill(String name, String sid, String metadata) {
        return new HostileInput(name, "hostile-" + newCallSid(), "{\"call_sid\": \"" + sid + "\", \"metadata\": " + metadata + "}", sid);
    }

    private static List<HostileInput> corpus() {
        JsonNode entries;
        try (InputStream in = HostileBurst.class.getResourceAsStream("/bad-intake/corpus.json")) {
            entries = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<HostileInput> corpus = new ArrayList<>();
        for (JsonNode entry : entries) {
            String value = entry.has("repeat")
                    ? entry.path("repeat").path("text").asText().repeat(entry.path("repeat").path("times").asInt())
                    : entry.path("value").isNull() ? null : entry.path("value").asText();
            corpus.add(new HostileInput(entry.path("name").asText(), "hostile-" + newCallSid(), value, null));
        }
        return corpus;
    }
}
