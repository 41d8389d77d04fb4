package io.exotelsim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the v1 API, which names its fields in PascalCase and wraps errors in a RestException. */
final class V1Bodies {

    private V1Bodies() {
    }

    /**
     * One page of Bulk Call Details. The simulator answers a {@code Sid} lookup in a single page, so
     * there is never a previous or next one.
     */
    static String calls(String firstPageUri, int pageSize, List<Map<String, Object>> calls) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("Total", calls.size());
        metadata.put("PageSize", pageSize);
        metadata.put("FirstPageUri", firstPageUri);
        metadata.put("PrevPageUri", null);
        metadata.put("NextPageUri", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Metadata", metadata);
        body.put("Calls", calls);
        return WireJson.write(body);
    }

    static String restException(int status, String message) {
        Map<String, Object> exception = new LinkedHashMap<>();
        exception.put("Status", status);
        exception.put("Message", message);
        return WireJson.write(Map.of("RestException", exception));
    }
}
