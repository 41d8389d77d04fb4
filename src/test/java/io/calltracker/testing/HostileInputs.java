package io.calltracker.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Generated hostile inputs for property tests of every parser and mapper that sees outside data:
 * arbitrary strings (control characters, NUL, lone surrogates, astral planes), arbitrary JSON trees
 * (deep, wide, duplicate keys, huge and odd numbers, wrong types), broken JSON and arbitrary bytes.
 * <p>
 * Seeded, so a failure is reproducible: {@link #forAll} names the seed of the failing try; run again
 * with {@code -Dhostile.seed=<seed>} to get exactly that input first. Plain JUnit rather than a
 * property-testing library: jqwik is served here, but its current release asks not to be used by
 * automated agents, and a small generator is enough for our boundaries.
 */
public final class HostileInputs {

    /** Mostly nice characters, with every class of nasty one mixed in. */
    private static final String[] NASTY = {
            "\u0000", "\u0001", "\u001f", "\u007f", "\t", "\n", "\r", "\"", "\\", "/", "\u2028", "\u2029",
            "\ud800", "\udfff", "\ud83d\ude00", "\ufeff", "\ufffd", "\uffff", "é", "中", "𝄞", "%00", "%2F", "..",
            "'; DROP TABLE tracked_call; --", "${jndi:ldap://x}", "\\u0000", "null", "true", "1e999999999"};

    private static final String[] NUMBERS = {
            "0", "-0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1.0", "1e308", "1e309", "-1e309", "1e-400", "1E+2147483648", "123456789012345678901234567890",
            "0.000000000000000000000000000001", "1e999999999", "-1e-999999999"};

    private final Random random;

    public HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Runs {@code property} {@code tries} times, each with its own seeded generator; on failure the
     * error names the seed that reproduces it.
     */
    public static void forAll(int tries, Consumer<HostileInputs> property) {
        long base = Long.getLong("hostile.seed", new Random().nextLong());
        for (int i = 0; i < tries; i++) {
            long seed = base + i;
            try {
                property.accept(new HostileInputs(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed for -Dhostile.seed=" + seed + ": " + e.getMessage(), e);
            }
        }
    }

    public Random random() {
        return random;
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Any Java string: mostly printable, with NUL, control characters, lone surrogates and astral characters. */
    public String anyString(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                text.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 8) {
                text.append(NASTY[random.nextInt(NASTY.length)]);
            } else {
                text.append((char) random.nextInt(Character.MAX_VALUE + 1));
            }
        }
        return text.toString();
    }

    /** A call SID of the right shape. */
    public String callSid() {
        return TestSids.newCallSid();
    }

    /** Something in the place of a SID: right, almost right or absurd. */
    public String sidLike() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> callSid();
            case 2 -> callSid() + anyString(3);
            case 3 -> callSid().substring(0, random.nextInt(20));
            default -> anyString(80);
        };
    }

    /** A JSON number as text: ordinary, beyond long, beyond double, or a thousand digits and more. */
    public String number() {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40)));
            case 2 -> NUMBERS[random.nextInt(NUMBERS.length)];
            default -> "9".repeat(1 + random.nextInt(1500));
        };
    }

    /** A JSON string literal of {@link #anyString}, escaped the way a careless or hostile writer might. */
    public String stringLiteral(int maxLength) {
        String value = anyString(maxLength);
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || chance(0.05)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Any JSON value as text, nested up to {@code depth} levels; objects may repeat a key. */
    public String jsonValue(int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        switch (kind) {
            case 0: return "null";
            case 1: return random.nextBoolean() ? "true" : "false";
            case 2: return number();
            case 3, 4: return stringLiteral(40);
            case 5: {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    array.append(i == 0 ? "" : ",").append(jsonValue(depth - 1));
                }
                return array.append(']').toString();
            }
            default: {
                StringBuilder object = new StringBuilder("{");
                int n = random.nextInt(5);
                String previousKey = stringLiteral(10);
                for (int i = 0; i < n; i++) {
                    String key = chance(0.2) ? previousKey : stringLiteral(10);
                    object.append(i == 0 ? "" : ",").append(key).append(':').append(jsonValue(depth - 1));
                    previousKey = key;
                }
                return object.append('}').toString();
            }
        }
    }

    /** {@code [[[…]]]} or {@code {"a":{"a":…}}} nested {@code levels} deep. */
    public String deepNesting(int levels) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return open.repeat(levels) + "1" + close.repeat(levels);
    }

    /** Valid JSON cut short, a character dropped or inserted somewhere. */
    public String broken(String json) {
        if (json.isEmpty()) {
            return "{";
        }
        int at = random.nextInt(json.length());
        return switch (random.nextInt(3)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + json.substring(at + 1);
            default -> json.substring(0, at) + NASTY[random.nextInt(NASTY.length)] + json.substring(at);
        };
    }

    /** Random bytes read as UTF-8, as a Kafka string deserializer would (invalid sequences become U+FFFD). */
    public String bytesAsText(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * An intake message value from the whole range: well-formed requests with hostile SIDs, accounts and
     * metadata, vendor bodies, wrong types, duplicate keys, deep nesting, huge numbers, broken JSON,
     * arbitrary text and bytes.
     */
    public String intakeValue() {
        String sid = sidLike();
        String object = "{\"call_sid\":" + (chance(0.85) ? quote(sid) : jsonValue(2))
                + (chance(0.4) ? ",\"account_sid\":" + (chance(0.7) ? quote(oneOf(List.of("test-account", "second-account",
                        "disabled-account", "ghost"))) : jsonValue(1)) : "")
                + (chance(0.7) ? ",\"metadata\":" + (chance(0.8) ? jsonObject(4) : jsonValue(3)) : "")
                + (chance(0.1) ? ",\"call_sid\":" + quote(callSid()) : "")
                + "}";
        return switch (random.nextInt(12)) {
            case 0 -> sid;
            case 1 -> "{\"response\":{\"call_details\":{\"sid\":" + quote(sid) + ",\"extra\":" + jsonValue(3) + "}}}";
            case 2 -> "{\"Call\":{\"Sid\":" + quote(sid) + ",\"AccountSid\":" + jsonValue(1) + "}}";
            case 3 -> broken(object);
            case 4 -> "{\"call_sid\":" + quote(sid) + ",\"metadata\":{\"deep\":" + deepNesting(900 + random.nextInt(300)) + "}}";
            case 5 -> "{\"call_sid\":" + quote(sid) + ",\"metadata\":{\"n\":" + number() + "}}";
            case 6 -> random.nextBoolean() ? anyString(100) : bytesAsText(100);
            case 7 -> jsonValue(4);
            default -> object;
        };
    }

    /** A JSON object of hostile content, nested up to {@code depth} levels (at least one: the object itself). */
    public String jsonObject(int depth) {
        String value;
        do {
            value = jsonValue(Math.max(1, depth));
        } while (!value.startsWith("{"));
        return value;
    }

    /** {@code value} as a JSON string literal, escaped correctly (NUL and controls as \\u escapes). */
    public static String quote(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
