package io.calltracker.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A real S3-compatible server for the archive tests: s3proxy (its self-contained jar, copied to
 * {@code target/s3proxy/} by the build) as its own process with a filesystem store under target/, started on
 * a free port by the first test that needs it and shared by the test JVM (a shutdown hook stops it). Its own
 * process, not a library in the test JVM: s3proxy's Jetty, Netty and logback clash with Quarkus'.
 */
public final class LocalS3 {

    public static final String ACCESS_KEY = "archive-test-key";
    public static final String SECRET_KEY = "archive-test-secret";
    public static final String REGION = "us-east-1";
    private static final String URL_PROPERTY = "test.s3.url";
    /** How s3proxy's filesystem store (jclouds) names the parts of a multipart upload in progress. */
    private static final String PARTS_PREFIX = ".mpus-";

    private LocalS3() {
    }

    /** The server's endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public static String endpoint() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                url = start();
                System.setProperty(URL_PROPERTY, url);
            }
            return url;
        }
    }

    /** The tracker's settings for archiving into {@code bucket} of this server (see {@link #createEmptyBucket}). */
    public static Map<String, String> trackerSettings(String bucket) {
        return Map.of(
                "tracker.recordings.archive.enabled", "true",
                "tracker.recordings.archive.bucket", bucket,
                "tracker.recordings.archive.endpoint", endpoint(),
                "tracker.recordings.archive.path-style", "true",
                "tracker.recordings.archive.region", REGION,
                "tracker.recordings.archive.access-key-id", ACCESS_KEY,
                "tracker.recordings.archive.secret-access-key", SECRET_KEY);
    }

    public static S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Creates the bucket, or empties it when it exists, so that each test class counts only its own objects. */
    public static void createEmptyBucket(String bucket) {
        try (S3Client s3 = client()) {
            try {
                s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()
                        .forEach(o -> s3.deleteObject(r -> r.bucket(bucket).key(o.key())));
            } catch (NoSuchBucketException e) {
                s3.createBucket(r -> r.bucket(bucket));
            }
        }
    }

    /**
     * The bucket's objects, as S3 would list them. s3proxy's filesystem store also lists its directories (keys
     * ending in /) and the parts of unfinished multipart uploads ({@link #PARTS_PREFIX}): left out here.
     */
    public static List<S3Object> objects(String bucket) {
        return listing(bucket).stream().filter(o -> !o.key().startsWith(PARTS_PREFIX)).toList();
    }

    /** Parts s3proxy keeps of multipart uploads neither completed nor aborted: bytes left behind. */
    public static List<String> leftoverParts(String bucket) {
        return listing(bucket).stream().map(S3Object::key).filter(key -> key.startsWith(PARTS_PREFIX)).toList();
    }

    private static List<S3Object> listing(String bucket) {
        try (S3Client s3 = client()) {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .filter(o -> !o.key().endsWith("/")).toList();
        }
    }

    /** Multipart uploads begun and neither completed nor aborted: parts left behind. */
    public static List<MultipartUpload> unfinishedUploads(String bucket) {
        try (S3Client s3 = client()) {
            return s3.listMultipartUploads(r -> r.bucket(bucket)).uploads();
        }
    }

    /** The SHA-256 (hex) of an object's bytes, streamed from the server. */
    public static String sha256(String bucket, String key) {
        try (S3Client s3 = client(); InputStream in = s3.getObject(r -> r.bucket(bucket).key(key), ResponseTransformer.toInputStream())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String contentType(String bucket, String key) {
        try (S3Client s3 = client()) {
            return s3.headObject(r -> r.bucket(bucket).key(key)).contentType();
        }
    }

    private static String start() {
        try {
            Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no " + jar.toAbsolutePath() + ": the build copies it (mvn process-test-resources)");
            }
            int port = freePort();
            Path home = Files.createDirectories(Path.of("target", "s3proxy", "run-" + port));
            Path data = Files.createDirectories(home.resolve("data"));
            String endpoint = "http://127.0.0.1:" + port;
            Path properties = home.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath()), StandardCharsets.UTF_8);
            Path log = Path.of("target", "it-logs", "s3proxy-" + port + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "s3proxy-stop"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see " + log);
                }
                return listening(port);
            });
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start s3proxy", e);
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
