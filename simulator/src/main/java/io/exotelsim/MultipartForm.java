package io.exotelsim;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** A {@code multipart/form-data} body of text fields: the default format of Exotel's status callbacks. */
final class MultipartForm {

    private final String boundary = "exotel-simulator-" + Hex.random(24);
    private final byte[] body;

    /** A form cannot say null: a null value is sent as an empty field, as Exotel does. */
    MultipartForm(Map<String, ?> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(Objects.toString(value, "")).append("\r\n"));
        text.append("--").append(boundary).append("--\r\n");
        body = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] body() {
        return body.clone();
    }
}
