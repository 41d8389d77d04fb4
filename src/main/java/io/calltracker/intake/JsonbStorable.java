package io.calltracker.intake;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Finds, before a value is accepted, what PostgreSQL {@code jsonb} would refuse or change: NUL (jsonb
 * refuses {@code \u0000}, SQLSTATE 22P05), unpaired UTF-16 surrogates (not Unicode: the JDBC driver
 * would send {@code ?} in their place) and numbers outside {@code numeric}'s range (22003). So a record
 * the database would refuse is dead-lettered with a reason instead of failing the batch it came in.
 * <p>
 * Rejected rather than stripped or replaced: the record goes whole to the dead-letter topic, so nothing
 * is lost, and a call is never tracked with metadata other than what its producer sent.
 */
final class JsonbStorable {

    /** PostgreSQL numeric: at most 131,072 digits before the decimal point and 16,383 after. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;

    private JsonbStorable() {
    }

    /** @throws RejectedIntakeException naming {@code what} (e.g. "metadata") and what PostgreSQL cannot store */
    static void check(JsonNode tree, String what) {
        // A loop, not recursion: the tree may be as deep as Jackson allows.
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(tree);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    checkText(property.getKey(), what);
                    pending.push(property.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(pending::push);
            } else if (node.isTextual()) {
                checkText(node.textValue(), what);
            } else if (node.isBigDecimal()) {
                checkNumber(node.decimalValue(), what);
            }
        }
    }

    private static void checkText(String text, String what) {
        if (text.indexOf('\0') >= 0) {
            throw new RejectedIntakeException(RejectionKind.UNSTORABLE, what + " holds a NUL character (\\u0000), which PostgreSQL cannot store");
        }
        if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            throw new RejectedIntakeException(RejectionKind.UNSTORABLE, what + " holds an unpaired UTF-16 surrogate (not Unicode), which PostgreSQL cannot store");
        }
    }

    /** Integers need no check: Jackson reads at most 1,000 digits. Zero with a huge exponent is refused too (PostgreSQL takes some). */
    private static void checkNumber(BigDecimal number, String what) {
        if (number.scale() > MAX_FRACTION_DIGITS || number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
            throw new RejectedIntakeException(RejectionKind.UNSTORABLE, what + " holds a number beyond PostgreSQL's numeric range (at most "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after)");
        }
    }
}
