package io.calltracker.records;

/**
 * Text as PostgreSQL stores it. A text or jsonb value cannot hold U+0000 (SQLSTATE 22021 for text,
 * 22P05 for the jsonb escape), so NUL becomes U+FFFD, the replacement character, in everything the
 * tracker writes from outside data (record fields, reasons, errors, raw bodies). Nothing else changes.
 */
public final class StorableText {

    private StorableText() {
    }

    public static String of(String text) {
        return text == null ? null : text.replace('\u0000', '\ufffd');
    }
}
