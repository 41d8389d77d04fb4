package io.exotelsim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code call_details} object of one response, as ordered JSON fields. A map rather than a record
 * because Exotel distinguishes a key that is absent (early in a call) from a key that is present with
 * an explicit {@code null} (later), and clients must cope with both.
 */
record CallDetailsView(Map<String, Object> fields) {

    CallDetailsView {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
