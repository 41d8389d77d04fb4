package io.calltracker.archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BandwidthTest {

    @Test
    void readsNoFasterThanTheLimitOnceTheFirstSecondsWorthIsSpent() throws InterruptedException {
        Bandwidth limit = new Bandwidth(256 * 1024);
        long start = System.nanoTime();
        // 768 KiB at 256 KiB/s: the bucket starts full (one second's worth), the other 512 KiB take ~2 s.
        for (int read = 0; read < 768 * 1024; read += limit.chunk()) {
            limit.acquire(limit.chunk());
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_800L, 4_000L);
    }

    @Test
    void aLimitSmallerThanAChunkShrinksTheChunkSoItCanBeMet() {
        assertThat(new Bandwidth(1000).chunk()).isEqualTo(1000);
        assertThat(new Bandwidth(0).chunk()).isEqualTo(Bandwidth.MAX_CHUNK);
    }

    @Test
    void theHighestLimitTheSettingsTakeWorks() throws InterruptedException {
        Bandwidth fastest = new Bandwidth(ArchiveSettings.MAX_BANDWIDTH);
        fastest.acquire(fastest.chunk());
        assertThat(fastest.chunk()).isEqualTo(Bandwidth.MAX_CHUNK);
    }

    @Test
    void noLimitNeverWaits() throws InterruptedException {
        Bandwidth none = new Bandwidth(0);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            none.acquire(none.chunk());
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000L);
    }
}
