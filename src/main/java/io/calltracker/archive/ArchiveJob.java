package io.calltracker.archive;

/**
 * A recording this instance claimed, owned until its lease ends; {@code claimToken} fences every write
 * about it. {@code sourceUrl} is a pre-signed link, a credential: never in {@link #toString()}, logs or
 * problem bodies. {@code attempts} counts this one; {@code uploadId} is a multipart upload an earlier
 * attempt began and did not complete.
 */
public record ArchiveJob(String callSid, int index, String accountSid, String sourceUrl, String objectKey,
                         long claimToken, int attempts, int refreshes, String uploadId) {

    ArchiveJob withSourceUrl(String url, int refreshCount) {
        return new ArchiveJob(callSid, index, accountSid, url, objectKey, claimToken, attempts, refreshCount, uploadId);
    }

    ArchiveJob withUploadId(String id) {
        return new ArchiveJob(callSid, index, accountSid, sourceUrl, objectKey, claimToken, attempts, refreshes, id);
    }

    @Override
    public String toString() {
        return "ArchiveJob[" + callSid + "#" + index + ", attempt " + attempts + ", token " + claimToken + "]";
    }
}
