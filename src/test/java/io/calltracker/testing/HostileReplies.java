package io.calltracker.testing;

import java.util.List;

/**
 * Hostile answers of Exotel's v3 Call Details and v1 Bulk Call Details APIs, built from
 * {@link HostileInputs}: every documented field absent, null, well-formed, of the wrong type, an odd
 * time, a huge number or a string with NUL; unknown fields and statuses; envelopes that are broken,
 * deeply nested, plain text or random bytes.
 */
public final class HostileReplies {

    private static final List<String> V3_TEXT_FIELDS = List.of("sid", "direction", "virtual_number", "state", "status",
            "legs", "custom_field", "app_id", "app_name", "digits");
    private static final List<String> V3_TIME_FIELDS = List.of("created_time", "updated_time", "start_time", "end_time");
    private static final List<String> V3_COUNT_FIELDS = List.of("total_duration", "total_talk_time");
    private static final List<String> ODD_TIMES = List.of("2024-13-45 99:99:99+05:30", "yesterday", "",
            "1970-01-01 05:30:00+05:30", "0000-01-01 00:00:00+00:00", "0001-01-01 00:00:00+18:00",
            "9999-12-31 23:59:59-18:00", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00+18:00",
            "2022-11-03T22:54:40Z", "2022-11-03 22:54:40+05:30", "2022-11-03 22:54:40", "2022-11-03 22:54:40+99:00",
            "10000-01-01 00:00:00+00:00");
    private static final List<String> STATES = List.of("terminal", "active", "TERMINAL", "", "unknown-state");

    private final HostileInputs g;

    public HostileReplies(HostileInputs g) {
        this.g = g;
    }

    /** An HTTP status an API might answer with: mostly 200. */
    public int status() {
        return g.chance(0.7) ? 200 : g.oneOf(List.of(404, 401, 403, 429, 500, 502, 503, 100 + g.random().nextInt(500)));
    }

    /** A Retry-After header value, absent, sane or absurd. */
    public String retryAfter() {
        return g.chance(0.5) ? null : g.oneOf(List.of("7", "-1", "99999999999999999999", "Fri, 27 Nov 2026 10:00:30 GMT",
                g.anyString(20), g.number()));
    }

    /** A v3 body: mostly a call_details envelope with hostile fields, else anything at all. */
    public String callDetailsBody() {
        return switch (g.random().nextInt(10)) {
            case 0 -> g.chance(0.5) ? g.anyString(200) : g.bytesAsText(200);
            case 1 -> g.broken(callDetailsEnvelope());
            case 2 -> "{\"response\":{\"call_details\":" + g.jsonValue(3) + "}}";
            case 3 -> "{\"response\":{\"call_details\":{\"custom_field\":" + g.deepNesting(900 + g.random().nextInt(300)) + "}}}";
            default -> callDetailsEnvelope();
        };
    }

    private String callDetailsEnvelope() {
        StringBuilder details = new StringBuilder("{");
        for (String field : V3_TEXT_FIELDS) {
            append(details, field, "state".equals(field) && g.chance(0.6) ? HostileInputs.quote(g.oneOf(STATES))
                    : g.chance(0.6) ? g.stringLiteral(30) : oddValue());
        }
        for (String field : V3_TIME_FIELDS) {
            append(details, field, g.chance(0.7) ? HostileInputs.quote(g.oneOf(ODD_TIMES)) : oddValue());
        }
        for (String field : V3_COUNT_FIELDS) {
            append(details, field, g.chance(0.5) ? Integer.toString(g.random().nextInt(100_000)) : oddValue());
        }
        append(details, "recordings", g.chance(0.5) ? "[{\"url\":" + g.stringLiteral(60) + "}," + g.jsonValue(2) + "]" : oddValue());
        if (g.chance(0.3)) {
            append(details, g.stringLiteral(12), g.jsonValue(3));
        }
        return "{\"request_id\":" + g.stringLiteral(10) + ",\"http_code\":" + (g.chance(0.8) ? "200" : g.jsonValue(1))
                + ",\"response\":{\"code\":200,\"status\":\"success\",\"call_details\":" + details.append('}') + "}"
                + (g.chance(0.2) ? ",\"extra\":" + g.jsonValue(3) : "") + "}";
    }

    /** A v1 Bulk Call Details body: a page of hostile calls, or anything at all. */
    public String bulkCallsBody() {
        return switch (g.random().nextInt(8)) {
            case 0 -> g.chance(0.5) ? g.anyString(200) : g.bytesAsText(200);
            case 1 -> "{\"Calls\":" + g.jsonValue(3) + "}";
            case 2 -> "{\"Calls\":[" + g.deepNesting(900 + g.random().nextInt(300)) + "]}";
            default -> {
                StringBuilder calls = new StringBuilder("{\"Metadata\":" + g.jsonValue(2) + ",\"Calls\":[");
                int n = g.random().nextInt(5);
                for (int i = 0; i < n; i++) {
                    calls.append(i == 0 ? "" : ",").append("{\"Sid\":").append(g.chance(0.7) ? HostileInputs.quote(g.sidLike()) : oddValue())
                            .append(",\"Status\":").append(g.chance(0.5) ? g.stringLiteral(20) : oddValue())
                            .append(",\"EndTime\":").append(g.chance(0.5) ? HostileInputs.quote(g.oneOf(ODD_TIMES)) : oddValue())
                            .append(",\"Duration\":").append(oddValue()).append('}');
                }
                yield g.chance(0.2) ? g.broken(calls.append("]}").toString()) : calls.append("]}").toString();
            }
        };
    }

    /** Absent-like, null, wrong type, huge number or a string with NUL. */
    private String oddValue() {
        return switch (g.random().nextInt(6)) {
            case 0 -> "null";
            case 1 -> g.number();
            case 2 -> "\"a\\u0000b\"";
            case 3 -> g.jsonValue(2);
            case 4 -> g.chance(0.5) ? "true" : "[]";
            default -> "{\"x\":" + g.jsonValue(1) + "}";
        };
    }

    private void append(StringBuilder object, String field, String value) {
        if (g.chance(0.1)) {
            return;
        }
        object.append(object.length() > 1 ? "," : "").append(field.startsWith("\"") ? field : "\"" + field + "\"")
                .append(':').append(value);
    }
}
