package io.calltracker.archive;

import io.github.bucket4j.Bucket;

import java.time.Duration;

/**
 * The bytes per second all transfers of an instance may read from Exotel together: a token bucket (bucket4j,
 * already the rate share's library) that a transfer waits on before each chunk it reads. Unlimited when 0.
 */
final class Bandwidth {

    /** The most a transfer reads at once; smaller when the limit itself is smaller, so a chunk always fits. */
    static final int MAX_CHUNK = 64 * 1024;

    private final Bucket bucket;
    private final int chunk;

    Bandwidth(long bytesPerSecond) {
        this.bucket = bytesPerSecond <= 0 ? null : Bucket.builder()
                .addLimit(limit -> limit.capacity(bytesPerSecond).refillGreedy(bytesPerSecond, Duration.ofSeconds(1)))
                .build();
        this.chunk = bytesPerSecond <= 0 ? MAX_CHUNK : (int) Math.min(MAX_CHUNK, bytesPerSecond);
    }

    int chunk() {
        return chunk;
    }

    /** Waits until {@code bytes} (at most {@link #chunk()}) may be read. */
    void acquire(int bytes) throws InterruptedException {
        if (bucket != null) {
            bucket.asBlocking().consume(bytes);
        }
    }
}
