package io.calltracker.publishing;

import org.eclipse.microprofile.config.spi.Converter;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * tracker.events.schema-base-url: an absolute http(s) URL without query or fragment, read with a
 * trailing slash so that resolving {@code schema/<file>} against it keeps any path prefix (a gateway's
 * {@code https://api.example.com/call-tracker}).
 */
public final class SchemaBaseUrlSetting implements Converter<URI> {

    static final String KEY = "tracker.events.schema-base-url";

    @Override
    public URI convert(String value) {
        String trimmed = value.trim();
        URI url;
        try {
            url = new URI(trimmed.endsWith("/") ? trimmed : trimmed + "/");
        } catch (URISyntaxException e) {
            throw refused(trimmed, "not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw refused(trimmed, "an absolute http or https URL");
        }
        if (url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw refused(trimmed, "an http(s) URL with a host and no query or fragment");
        }
        return url;
    }

    private static IllegalArgumentException refused(String value, String rule) {
        return new IllegalArgumentException(KEY + " must be " + rule + ", got " + value);
    }
}
