package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * The bytes behind served recordings (see {@link ServedRecordings}) and their signed, expiring links, as
 * Exotel's pre-signed S3 links behave: a link names its expiry and carries a signature over it; an expired or
 * tampered link answers 403. Each recording is a WAV file (16-bit mono PCM at 8 kHz, as telephony audio)
 * whose samples are generated from the call SID and index, so any size is served without being stored and the
 * same recording is the same bytes on every download.
 */
final class RecordingFiles {

    private static final int HEADER = 44;
    private static final int SAMPLE_RATE = 8000;
    private static final int CHUNK = 64 * 1024;

    /** Signs links; random per process, as a real bucket's key is nobody's business. */
    private final String secret = Hex.random(32);
    private final String publicUrl;
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    RecordingFiles(String publicUrl) {
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** {@code downloads} and {@code refused} count per recording (index 1 at position 0). */
    private record Served(String accountSid, int count, long bytes, long linkTtlMs, AtomicInteger deadLinksLeft,
                          AtomicLongArray downloads, AtomicLongArray refused) {
    }

    /** What the control API tells a test about one recording: enough to check a copy byte for byte. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Description(int index, long bytes, String sha256, String contentType, long downloads, long refused) {
    }

    void serve(String callSid, String accountSid, int count, ServedRecordings spec) {
        served.put(callSid, new Served(accountSid, count, spec.bytesOrDefault(), spec.linkTtlMsOrDefault(),
                new AtomicInteger(spec.expiredLinksOrDefault()), new AtomicLongArray(count), new AtomicLongArray(count)));
    }

    boolean serves(String callSid) {
        return served.containsKey(callSid);
    }

    void clear() {
        served.clear();
    }

    /** Links for each of the call's recordings, as one v3 reply hands them out (dead ones first, if asked for). */
    List<Map<String, String>> linksForV3(String callSid, Instant now) {
        Served call = served.get(callSid);
        boolean dead = call.deadLinksLeft().getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        Instant expires = dead ? now.minusSeconds(1) : now.plusMillis(call.linkTtlMs());
        return IntStream.rangeClosed(1, call.count())
                .mapToObj(index -> Map.of("url", link(callSid, call, index, expires))).toList();
    }

    /** A live link to the first recording (what v1 and the status callback name). */
    Optional<String> firstLink(String callSid, Instant now) {
        Served call = served.get(callSid);
        return call.count() == 0 ? Optional.empty() : Optional.of(link(callSid, call, 1, now.plusMillis(call.linkTtlMs())));
    }

    private String link(String callSid, Served call, int index, Instant expires) {
        String path = path(call.accountSid(), callSid, index);
        long expiry = expires.toEpochMilli();
        return publicUrl + path + "?expires=" + expiry + "&signature=" + signature(path, expiry);
    }

    private static String path(String accountSid, String callSid, int index) {
        return "/recordings/" + accountSid + "/" + callSid + "/" + index + ".wav";
    }

    private String signature(String path, long expiry) {
        return Hex.sha256(secret + path + expiry);
    }

    /** How a download request is answered. */
    sealed interface Download {
        record Bytes(long length, Writer body) implements Download {
        }

        /** 403 (expired or bad signature, as S3 answers both) or 404. */
        record Refused(int status, String message) implements Download {
        }
    }

    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    Download download(String accountSid, String callSid, int index, Long expires, String signature, Instant now) {
        Served call = served.get(callSid);
        if (call == null || !call.accountSid().equals(accountSid) || index < 1 || index > call.count()) {
            return new Download.Refused(404, "NoSuchKey");
        }
        if (expires == null || signature == null || !signature.equals(signature(path(accountSid, callSid, index), expires))) {
            call.refused().incrementAndGet(index - 1);
            return new Download.Refused(403, "SignatureDoesNotMatch");
        }
        if (now.toEpochMilli() >= expires) {
            call.refused().incrementAndGet(index - 1);
            return new Download.Refused(403, "Request has expired");
        }
        return new Download.Bytes(call.bytes(), out -> {
            write(callSid, index, call.bytes(), out);
            call.downloads().incrementAndGet(index - 1);
        });
    }

    Optional<List<Description>> describe(String callSid) {
        Served call = served.get(callSid);
        if (call == null) {
            return Optional.empty();
        }
        return Optional.of(IntStream.rangeClosed(1, call.count())
                .mapToObj(index -> new Description(index, call.bytes(), sha256(callSid, index, call.bytes()), "audio/wav",
                        call.downloads().get(index - 1), call.refused().get(index - 1)))
                .toList());
    }

    private static String sha256(String callSid, int index, long bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            write(callSid, index, bytes, new OutputStream() {
                @Override
                public void write(int b) {
                    digest.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    digest.update(b, off, len);
                }
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recording's bytes, a chunk at a time: a WAV header, then samples, cut at {@code bytes}. */
    static void write(String callSid, int index, long bytes, OutputStream out) throws IOException {
        SplittableRandom samples = new SplittableRandom(((long) callSid.hashCode() << 32) ^ index);
        byte[] chunk = new byte[CHUNK];
        byte[] header = header(Math.max(0, bytes - HEADER));
        long written = 0;
        int headerBytes = (int) Math.min(HEADER, bytes);
        out.write(header, 0, headerBytes);
        written += headerBytes;
        while (written < bytes) {
            int n = (int) Math.min(CHUNK, bytes - written);
            samples.nextBytes(chunk);
            out.write(chunk, 0, n);
            written += n;
        }
    }

    private static byte[] header(long dataBytes) {
        int data = (int) Math.min(dataBytes, Integer.MAX_VALUE - HEADER);
        return ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(data)
                .array();
    }
}
