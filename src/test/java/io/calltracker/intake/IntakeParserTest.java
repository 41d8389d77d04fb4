package io.calltracker.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeParserTest {

    private static final String SID = "cabfb1dfa8c5e1c7f2c458423b7716b3";
    private final IntakeParser parser = new IntakeParser(new ObjectMapper(), "acme", Set.of("acme", "other"), Set.of("paused"), 1024);

    @Test
    void plainSid() {
        assertThat(parser.parse("  " + SID + "\n")).isEqualTo(new IntakeRequest(SID, "acme", null));
    }

    @Test
    void jsonWithAccountAndMetadata() {
        assertThat(parser.parse("{\"call_sid\":\"" + SID + "\",\"account_sid\":\"other\",\"metadata\":{\"lead\":42}}"))
                .isEqualTo(new IntakeRequest(SID, "other", "{\"lead\":42}"));
    }

    @Test
    void vendorMakeCallResponses() {
        assertThat(parser.parse("{\"request_id\":\"x\",\"response\":{\"call_details\":{\"sid\":\"" + SID + "\",\"state\":\"active\"}}}"))
                .isEqualTo(new IntakeRequest(SID, "acme", null));
        assertThat(parser.parse("{\"Call\":{\"Sid\":\"" + SID + "\",\"AccountSid\":\"other\",\"Status\":\"in-progress\"}}"))
                .isEqualTo(new IntakeRequest(SID, "other", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty value",
            "'   '|empty value",
            "'{\"call_sid\": '|malformed JSON",
            "'{\"call_sid\": 42}'|call_sid must be a string",
            "'{\"call_sid\": \"abc\"}'|call SID must match",
            "'{\"call_sid\": \"../../etc/passwd0000\"}'|call SID must match",
            "'{\"call_sid\": \"cabfb1dfa8c5e1c7%2Ff2c458423b7716b3\"}'|call SID must match",
            "'{\"call_sid\": \"" + SID + "\", \"account_sid\": \"ghost\"}'|unknown account_sid",
            "'{\"call_sid\": \"" + SID + "\", \"account_sid\": \"paused\"}'|account_sid is disabled",
            "'{\"call_sid\": \"" + SID + "\", \"metadata\": [1]}'|metadata must be a JSON object",
            "'{\"sid\": \"" + SID + "\"}'|JSON without a call SID",
            "'cabfb1dfa8c5 e1c7f2c458423b7716b3'|neither a JSON object nor a call SID",
            "'[\"" + SID + "\"]'|neither a JSON object nor a call SID",
    })
    void malformedValuesAreRejectedWithAReason(String value, String reason) {
        assertThatThrownBy(() -> parser.parse(value)).isInstanceOf(RejectedIntakeException.class).hasMessageContaining(reason);
    }

    /**
     * Issue 9, defects 1 and 2: JSON beyond Jackson's limits (which throws without a location) and values
     * Jackson reads but PostgreSQL jsonb refuses or alters must be named rejections, never another exception.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "deep nesting|JSON beyond the reader's limits",
            "long number|JSON beyond the reader's limits",
            "NUL in a metadata value|NUL",
            "NUL in a metadata key|NUL",
            "lone surrogate|unpaired UTF-16 surrogate",
            "number beyond numeric range|beyond PostgreSQL's numeric range",
            "tiny number beyond numeric scale|beyond PostgreSQL's numeric range",
            "exponent beyond int|malformed JSON",
            "duplicate call_sid|Duplicate field 'call_sid'",
            "two objects in one value|malformed JSON",
    })
    void valuesJacksonOrPostgresqlCannotTakeAreRejectedWithAReason(String poison, String reason) {
        String value = switch (poison) {
            case "deep nesting" -> withMetadata("{\"d\":" + "[".repeat(1001) + "]".repeat(1001) + "}");
            case "long number" -> withMetadata("{\"n\":" + "9".repeat(1001) + "}");
            case "NUL in a metadata value" -> withMetadata("{\"note\":\"a\\u0000b\"}");
            case "NUL in a metadata key" -> withMetadata("{\"a\\u0000\":1}");
            case "lone surrogate" -> withMetadata("{\"note\":\"\\ud800\"}");
            case "number beyond numeric range" -> withMetadata("{\"n\":1e999999}");
            case "tiny number beyond numeric scale" -> withMetadata("{\"n\":1e-999999}");
            case "exponent beyond int" -> withMetadata("{\"n\":1E+2147483648}");
            case "duplicate call_sid" -> "{\"call_sid\":\"" + SID + "\",\"call_sid\":\"dbfb1dfa8c5e1c7f2c458423b7716b34\"}";
            case "two objects in one value" -> "{\"call_sid\":\"" + SID + "\"}{\"call_sid\":\"dbfb1dfa8c5e1c7f2c458423b7716b34\"}";
            default -> throw new IllegalArgumentException(poison);
        };
        IntakeParser roomy = new IntakeParser(new ObjectMapper(), "acme", Set.of("acme"), Set.of(), 1 << 20);
        assertThatThrownBy(() -> roomy.parse(value)).isInstanceOf(RejectedIntakeException.class).hasMessageContaining(reason);
    }

    @Test
    void metadataNumbersAreKeptAsWritten() {
        assertThat(parser.parse(withMetadata("{\"a\":0.1000000000000000000000001,\"b\":1e-400,\"c\":2.50,\"d\":1e131071}"))
                .metadataJson()).isEqualTo("{\"a\":0.1000000000000000000000001,\"b\":1E-400,\"c\":2.50,\"d\":1E+131071}");
    }

    private static String withMetadata(String metadata) {
        return "{\"call_sid\":\"" + SID + "\",\"metadata\":" + metadata + "}";
    }

    @Test
    void nullAndOversizedValuesAreRejected() {
        assertThatThrownBy(() -> parser.parse(null)).hasMessageContaining("tombstone");
        assertThatThrownBy(() -> parser.parse("a".repeat(1025))).hasMessageContaining("larger than 1024 bytes");
    }
}
