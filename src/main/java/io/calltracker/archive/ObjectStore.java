package io.calltracker.archive;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bucket, through the AWS SDK v2's S3 client (any S3-compatible store). Built lazily: with archival off
 * no client (and no credentials lookup) exists. Checksums are asked of the SDK only where S3 requires them:
 * its default CRC trailers are refused by several S3-compatible stores, and the tracker hashes each
 * recording itself (SHA-256) as it streams.
 */
@ApplicationScoped
class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    /** Connecting to the bucket, and waiting for its answer to one request (a part of up to 64 MiB included). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STORAGE_TIMEOUT = Duration.ofSeconds(60);

    private final ArchiveConfig config;
    private volatile S3Client client;

    ObjectStore(ArchiveConfig config) {
        this.config = config;
    }

    /** One object from bytes already in memory (a recording smaller than one part). */
    void put(String key, String contentType, byte[] buffer, int length) throws TransferFailure {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket()).key(key).contentType(contentType)
                .contentLength((long) length);
        encryption(request::serverSideEncryption, request::ssekmsKeyId);
        call(() -> s3().putObject(request.build(), body(buffer, length, contentType)));
    }

    String beginUpload(String key, String contentType) throws TransferFailure {
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket()).key(key)
                .contentType(contentType);
        encryption(request::serverSideEncryption, request::ssekmsKeyId);
        return call(() -> s3().createMultipartUpload(request.build()).uploadId());
    }

    CompletedPart uploadPart(String key, String uploadId, int partNumber, byte[] buffer, int length) throws TransferFailure {
        String etag = call(() -> s3().uploadPart(r -> r.bucket(bucket()).key(key).uploadId(uploadId).partNumber(partNumber)
                .contentLength((long) length), body(buffer, length, null)).eTag());
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    void completeUpload(String key, String uploadId, List<CompletedPart> parts) throws TransferFailure {
        call(() -> s3().completeMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId)
                .multipartUpload(u -> u.parts(parts))));
    }

    /** Best effort: an upload left behind costs storage until the bucket's lifecycle rule removes it. */
    void abortUpload(String key, String uploadId) {
        try {
            s3().abortMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warnf("could not abort an unfinished upload of %s: %s", key, e.getClass().getSimpleName());
        }
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run();
    }

    private static <T> T call(S3Call<T> request) throws TransferFailure {
        try {
            return request.run();
        } catch (SdkException e) {
            // The SDK's messages name the bucket and key, never credentials; the status code is the useful part.
            throw new TransferFailure(TransferFailure.STORAGE, "storage: " + e.getClass().getSimpleName() + ": "
                    + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The part buffer itself, re-read when the SDK signs the payload: no copy of it is made. */
    private static RequestBody body(byte[] buffer, int length, String contentType) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                contentType == null ? "application/octet-stream" : contentType);
    }

    /** The two request builders share no interface for these headers, hence the setters. */
    private void encryption(Consumer<ServerSideEncryption> algorithm, Consumer<String> kmsKey) {
        if (!"none".equals(config.serverSideEncryption())) {
            algorithm.accept(ServerSideEncryption.fromValue(config.serverSideEncryption()));
            config.kmsKeyId().ifPresent(kmsKey);
        }
    }

    private String bucket() {
        return config.bucket().orElseThrow(() -> new IllegalStateException("tracker.recordings.archive.bucket is not set"));
    }

    private S3Client s3() {
        S3Client s3 = client;
        if (s3 == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                s3 = client;
            }
        }
        return s3;
    }

    private S3Client build() {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(STORAGE_TIMEOUT))
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials());
        config.endpoint().filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                    config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
