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

    @Test
    void nullAndOversizedValuesAreRejected() {
        assertThatThrownBy(() -> parser.parse(null)).hasMessageContaining("tombstone");
        assertThatThrownBy(() -> parser.parse("a".repeat(1025))).hasMessageContaining("larger than 1024 bytes");
    }
}
