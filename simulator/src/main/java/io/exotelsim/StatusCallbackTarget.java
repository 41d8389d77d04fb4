package io.exotelsim;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/** Where, and in which body format, the vendor POSTs a call's status callback when it turns terminal. */
record StatusCallbackTarget(URI url, String contentType) {

    static final String FORM = "multipart/form-data";
    static final String JSON = "application/json";

    /** Empty when no URL is given; Exotel's default body is a multipart form. */
    static Optional<StatusCallbackTarget> of(String url, String contentType) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String type = Objects.requireNonNullElse(contentType, FORM);
        if (!type.equals(FORM) && !type.equals(JSON)) {
            throw new IllegalArgumentException("status_callback_content_type must be " + FORM + " or " + JSON);
        }
        return Optional.of(new StatusCallbackTarget(httpUrl(url), type));
    }

    boolean json() {
        return contentType.equals(JSON);
    }

    private static URI httpUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (http && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // reported below, like a URL of another scheme
        }
        throw new IllegalArgumentException("status_callback_url must be an http or https URL");
    }
}
