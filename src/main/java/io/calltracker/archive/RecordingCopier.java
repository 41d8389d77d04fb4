package io.calltracker.archive;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Streams one recording from its link into the bucket: reads one part at a time into a buffer of
 * {@code part-size-mib} (the only memory a transfer holds), hashes it (SHA-256) on the way, and writes a
 * single object when the whole recording fits in one part, else a multipart upload. A link that answers
 * 403/404/410 is dead ({@link TransferFailure#LINK_DEAD}); after each part the claim's lease is renewed, and a
 * lost claim stops the transfer and aborts its upload.
 *
 * <p>HttpURLConnection rather than java.net.http: its read timeout bounds every read of the body, so a link
 * that stalls mid-download fails the attempt instead of hanging the worker.
 */
@ApplicationScoped
class RecordingCopier {

    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+");

    private final ObjectStore store;
    private final ArchiveSettings settings;
    private final Bandwidth bandwidth;

    RecordingCopier(ObjectStore store, ArchiveConfig config) {
        this.store = store;
        this.settings = ArchiveSettings.of(config);
        this.bandwidth = new Bandwidth(config.bandwidthBytesPerSecond());
    }

    /** What the transfer tells its job's row as it goes; false from either means the claim is lost. */
    interface Lease {
        boolean uploadBegun(String uploadId);

        boolean renew();
    }

    StoredObject copy(ArchiveJob job, Lease lease) throws TransferFailure, InterruptedException {
        HttpURLConnection connection = open(job.sourceUrl());
        try {
            int status = connection.getResponseCode();
            if (status == 403 || status == 404 || status == 410) {
                throw new TransferFailure(TransferFailure.LINK_DEAD, "link answered HTTP " + status, status);
            }
            if (status != 200) {
                throw new TransferFailure(TransferFailure.SOURCE, "link answered HTTP " + status, status);
            }
            String contentType = contentType(connection.getContentType(), job.objectKey());
            try (InputStream body = connection.getInputStream()) {
                return stream(job, body, contentType, lease);
            }
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.SOURCE, "download: " + e.getClass().getSimpleName());
        } finally {
            connection.disconnect();
        }
    }

    /** An upload an earlier attempt began and never completed (it crashed): aborted before the copy starts afresh. */
    void abandon(ArchiveJob job) {
        store.abortUpload(job.objectKey(), job.uploadId());
    }

    private StoredObject stream(ArchiveJob job, InputStream body, String contentType, Lease lease)
            throws IOException, TransferFailure, InterruptedException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[settings.partSizeBytes()];
        int length = fill(body, buffer, sha256);
        if (length < buffer.length) {
            store.put(job.objectKey(), contentType, buffer, length);
            return new StoredObject(job.objectKey(), contentType, length, HexFormat.of().formatHex(sha256.digest()));
        }
        String uploadId = store.beginUpload(job.objectKey(), contentType);
        boolean completed = false;
        try {
            if (!lease.uploadBegun(uploadId)) {
                throw new TransferFailure(TransferFailure.CLAIM_LOST, "claim lost");
            }
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            while (length > 0) {
                parts.add(store.uploadPart(job.objectKey(), uploadId, parts.size() + 1, buffer, length));
                size += length;
                if (!lease.renew()) {
                    throw new TransferFailure(TransferFailure.CLAIM_LOST, "claim lost");
                }
                length = fill(body, buffer, sha256);
            }
            store.completeUpload(job.objectKey(), uploadId, parts);
            completed = true;
            return new StoredObject(job.objectKey(), contentType, size, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            if (!completed) {
                store.abortUpload(job.objectKey(), uploadId);
            }
        }
    }

    /** Reads until the buffer is full or the body ends, within the bandwidth limit; returns the bytes read. */
    private int fill(InputStream body, byte[] buffer, MessageDigest sha256) throws IOException, InterruptedException {
        int length = 0;
        while (length < buffer.length) {
            int want = Math.min(bandwidth.chunk(), buffer.length - length);
            bandwidth.acquire(want);
            int read = body.read(buffer, length, want);
            if (read < 0) {
                break;
            }
            sha256.update(buffer, length, read);
            length += read;
        }
        return length;
    }

    private HttpURLConnection open(String link) throws TransferFailure {
        try {
            URL url = new URL(link);
            if (!"https".equals(url.getProtocol()) && !"http".equals(url.getProtocol())) {
                throw new TransferFailure(TransferFailure.SOURCE, "unusable link: scheme " + url.getProtocol());
            }
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            int timeout = (int) settings.config().downloadTimeout().toMillis();
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            // Not the message: it would quote the link.
            throw new TransferFailure(TransferFailure.SOURCE, "unusable link: " + e.getClass().getSimpleName());
        }
    }

    private static String contentType(String header, String key) {
        if (header != null) {
            String type = header.split(";", 2)[0].trim();
            if (CONTENT_TYPE.matcher(type).matches() && !type.startsWith("application/octet-stream")) {
                return type;
            }
        }
        return RecordingKey.contentTypeOf(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
