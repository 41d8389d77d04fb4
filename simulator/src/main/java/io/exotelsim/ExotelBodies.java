package io.exotelsim;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies of the v3 API, field for field in the vendor's order. */
final class ExotelBodies {

    private ExotelBodies() {
    }

    static String callDetails(CallDetailsView details) {
        return success("call_details", details.fields());
    }

    static String legDetails(Map<String, Object> legDetails) {
        return success("leg_details", legDetails);
    }

    /** The v3 error envelope, e.g. {@code error_data.code} 1010 for bad credentials. */
    static String failure(int httpCode, int errorCode, String message) {
        Map<String, Object> errorData = new LinkedHashMap<>();
        errorData.put("code", errorCode);
        errorData.put("message", message);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("code", httpCode);
        response.put("status", "failure");
        response.put("error_data", errorData);
        return envelope(httpCode, response);
    }

    /** The rate limiter answers in another shape than the v3 envelope: no method, no error_data. */
    static String rateLimited() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "rate_limit_exceeded");
        error.put("message", "Too many requests for this account, retry later");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", Hex.random(32));
        body.put("http_code", 429);
        body.put("response", Map.of("error", error));
        return WireJson.write(body);
    }

    private static String success(String payloadKey, Map<String, Object> payload) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("code", 200);
        response.put("status", "success");
        response.put(payloadKey, payload);
        return envelope(200, response);
    }

    private static String envelope(int httpCode, Map<String, Object> response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", Hex.random(32));
        body.put("method", "GET");
        body.put("http_code", httpCode);
        body.put("response", response);
        return WireJson.write(body);
    }
}
