package io.calltracker.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import java.util.Objects;

/**
 * Reads JSON that comes from outside (intake values, status callbacks, admin intake batches) so that
 * any text whatsoever ends as a tree or as a {@link RejectedIntakeException} with a reason. Jackson's
 * stream limits (nesting depth, number length, …) throw without a location, and a number whose
 * exponent does not fit 32 bits throws a plain NumberFormatException: both are the text's fault too.
 * <p>
 * Stricter than the application's mapper where leniency would lose or change data: a key given twice
 * has no single meaning (which {@code call_sid} counts?), text after the first value would be dropped
 * unseen (a second call), and fractions are read exactly (BigDecimal, trailing zeros kept) rather than
 * as doubles, which turn 1e999999 into the string "Infinity" and 1e-400 into 0.0.
 */
public final class IntakeJson {

    private final ObjectReader reader;

    public IntakeJson(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** @throws RejectedIntakeException with the reason when the text is not exactly one JSON value Jackson can read */
    public JsonNode read(String text) {
        try {
            return reader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RejectedIntakeException(RejectionKind.MALFORMED, describe("JSON", e));
        } catch (RuntimeException e) {
            throw new RejectedIntakeException(RejectionKind.MALFORMED, "malformed JSON: " + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
        }
    }

    /**
     * Why Jackson could not read {@code what} (e.g. "JSON body"), for a dead letter or a problem detail;
     * names the place when Jackson knows it (it does not when a stream limit was hit).
     */
    public static String describe(String what, JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return what + " beyond the reader's limits: " + e.getOriginalMessage();
        }
        JsonLocation at = e.getLocation();
        return "malformed " + what + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                + ": " + e.getOriginalMessage();
    }
}
