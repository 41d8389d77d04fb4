package io.calltracker.archive;

/**
 * How a recording's archival ended: {@code archived} (with what was stored), {@code expired} (its link stayed
 * dead, even after a fresh one from v3) or {@code failed} (attempts exhausted on other errors), with why.
 */
record ArchiveOutcome(String status, String contentType, Long sizeBytes, String sha256, String reason) {

    static final String ARCHIVED = "archived";
    static final String EXPIRED = "expired";
    static final String FAILED = "failed";

    static ArchiveOutcome archived(StoredObject stored) {
        return new ArchiveOutcome(ARCHIVED, stored.contentType(), stored.sizeBytes(), stored.sha256(), null);
    }

    static ArchiveOutcome expired(String reason) {
        return new ArchiveOutcome(EXPIRED, null, null, null, reason);
    }

    static ArchiveOutcome failed(String reason) {
        return new ArchiveOutcome(FAILED, null, null, null, reason);
    }
}
