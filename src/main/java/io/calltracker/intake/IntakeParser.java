package io.calltracker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.exotel.Sids;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads an intake message value. Accepted: {@code {"call_sid", "account_sid"?, "metadata"?}}, a
 * plain-text SID, the body of Exotel's v3 Make-Call response ({@code response.call_details.sid})
 * and of the v1 connect response ({@code Call.Sid}), so a dialer can forward Exotel's answer as is.
 * <p>
 * Total: whatever the value, the answer is a request or a {@link RejectedIntakeException} with the
 * reason, and a request's metadata is one PostgreSQL stores as given ({@link JsonbStorable}).
 */
public final class IntakeParser {

    private final IntakeJson json;
    private final String defaultAccount;
    private final Set<String> knownAccounts;
    private final Set<String> disabledAccounts;
    private final int maxBytes;

    public IntakeParser(ObjectMapper mapper, String defaultAccount, Set<String> knownAccounts, Set<String> disabledAccounts,
                        int maxBytes) {
        this.json = new IntakeJson(mapper);
        this.defaultAccount = defaultAccount;
        this.knownAccounts = knownAccounts;
        this.disabledAccounts = disabledAccounts;
        this.maxBytes = maxBytes;
    }

    public IntakeRequest parse(String value) {
        if (value == null) {
            throw new RejectedIntakeException(RejectionKind.TOMBSTONE, "null value (tombstone)");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new RejectedIntakeException(RejectionKind.TOO_LARGE, "value larger than " + maxBytes + " bytes");
        }
        String text = value.strip();
        if (text.isEmpty()) {
            throw new RejectedIntakeException(RejectionKind.EMPTY, "empty value");
        }
        return text.startsWith("{") ? fromJson(text) : fromPlainSid(text);
    }

    private IntakeRequest fromPlainSid(String text) {
        if (!Sids.isCallSid(text)) {
            throw new RejectedIntakeException(RejectionKind.MALFORMED, "neither a JSON object nor a call SID (expected " + Sids.CALL_SID_PATTERN + ")");
        }
        return new IntakeRequest(text, defaultAccount, null);
    }

    private IntakeRequest fromJson(String text) {
        JsonNode root = json.read(text);
        if (root.has("call_sid")) {
            return request(text(root, "call_sid"), optionalText(root, "account_sid"), metadata(root));
        }
        JsonNode v3 = root.path("response").path("call_details");
        if (v3.has("sid")) {
            return request(text(v3, "sid"), optionalText(v3, "account_sid"), null);
        }
        JsonNode v1 = root.path("Call");
        if (v1.has("Sid")) {
            return request(text(v1, "Sid"), optionalText(v1, "AccountSid"), null);
        }
        throw new RejectedIntakeException(RejectionKind.NO_CALL_SID, "JSON without a call SID (expected call_sid, response.call_details.sid or Call.Sid)");
    }

    /** The rules every intake value passes, also applied to the SIDs that status callbacks bring. */
    IntakeRequest request(String callSid, String accountSid, String metadataJson) {
        if (!Sids.isCallSid(callSid)) {
            throw new RejectedIntakeException(RejectionKind.INVALID_CALL_SID, "call SID must match " + Sids.CALL_SID_PATTERN);
        }
        String account = accountSid == null ? defaultAccount : accountSid;
        if (disabledAccounts.contains(account)) {
            throw new RejectedIntakeException(RejectionKind.ACCOUNT_DISABLED, "account_sid is disabled in this tracker");
        }
        if (!knownAccounts.contains(account)) {
            throw new RejectedIntakeException(RejectionKind.ACCOUNT_UNKNOWN, "unknown account_sid (not configured in this tracker)");
        }
        return new IntakeRequest(callSid, account, metadataJson);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw new RejectedIntakeException(RejectionKind.WRONG_TYPE, field + " must be a string, got " + value.getNodeType().name().toLowerCase());
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(node, field);
    }

    private static String metadata(JsonNode root) {
        JsonNode value = root.get("metadata");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new RejectedIntakeException(RejectionKind.WRONG_TYPE, "metadata must be a JSON object, got " + value.getNodeType().name().toLowerCase());
        }
        JsonbStorable.check(value, "metadata");
        return value.toString();
    }
}
