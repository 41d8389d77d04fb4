package io.calltracker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.exotel.ExotelTime;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a status callback body, a form (multipart or urlencoded, Exotel's default) or JSON, v1 field
 * names: CallSid, AccountSid and EndTime. Whether the SID is one the tracker may track is decided later, by the intake rules.
 */
@ApplicationScoped
class StatusCallbackParser {

    private final IntakeJson json;

    StatusCallbackParser(ObjectMapper mapper) {
        this.json = new IntakeJson(mapper);
    }

    /** A form cannot say null: Exotel sends a missing value as an empty field. */
    StatusCallback form(String callSid, String accountSid, String endTime) {
        return callback(blankToNull(callSid), blankToNull(accountSid), endTime);
    }

    StatusCallback json(String body) {
        JsonNode root = json.read(body == null ? "" : body);
        if (root == null || !root.isObject()) {
            throw new RejectedIntakeException(RejectionKind.WRONG_TYPE, "the body must be a JSON object");
        }
        JsonNode endTime = root.path("EndTime");
        return callback(text(root, "CallSid"), text(root, "AccountSid"), endTime.isTextual() ? endTime.textValue() : null);
    }

    /** An EndTime that is missing, of another type or unreadable is no reason to refuse the hint: it is left out. */
    private static StatusCallback callback(String callSid, String accountSid, String endTime) {
        if (callSid == null) {
            throw new RejectedIntakeException(RejectionKind.NO_CALL_SID, "no CallSid");
        }
        return new StatusCallback(callSid, accountSid, ExotelTime.v1Hint(endTime).orElse(null));
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RejectedIntakeException(RejectionKind.WRONG_TYPE, field + " must be a string, got " + value.getNodeType().name().toLowerCase());
        }
        return blankToNull(value.textValue());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
