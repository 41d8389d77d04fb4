package io.calltracker.records;

/** A recording of a finished call, as stored in {@code call_record.recordings} and published in its event. */
public record Recording(String url) {
    /** Pre-signed URLs are credentials: keep them out of logs and exception messages. */
    @Override
    public String toString() {
        return "Recording[url=<redacted>]";
    }
}
