package io.exotelsim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingFilesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String SID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private final RecordingFiles files = new RecordingFiles("http://sim.test:8090/");

    @Test
    void handsOutAFreshLinkOnEveryV3ReplyThatWorksUntilItsExpiry() throws Exception {
        files.serve(SID, "acc", 2, new ServedRecordings(1000L, 60_000L, 0));

        List<Map<String, String>> first = files.linksForV3(SID, NOW);
        List<Map<String, String>> later = files.linksForV3(SID, NOW.plusSeconds(1));

        assertThat(first).hasSize(2);
        assertThat(first.get(0).get("url")).startsWith("http://sim.test:8090/recordings/acc/" + SID + "/1.wav?expires=")
                .isNotEqualTo(later.get(0).get("url"));
        assertThat(download(first.get(1).get("url"), NOW.plusSeconds(59))).hasSize(1000);
        assertThat(refusal(first.get(1).get("url"), NOW.plusSeconds(60))).isEqualTo(403);
    }

    @Test
    void theFirstExpiredLinksAreDeadAlreadyAndTheNextOnesLive() throws Exception {
        files.serve(SID, "acc", 1, new ServedRecordings(100L, 60_000L, 1));

        String dead = files.linksForV3(SID, NOW).get(0).get("url");
        String live = files.linksForV3(SID, NOW).get(0).get("url");

        assertThat(refusal(dead, NOW)).isEqualTo(403);
        assertThat(download(live, NOW)).hasSize(100);
    }

    @Test
    void refusesATamperedLinkAndAnUnknownRecording() {
        files.serve(SID, "acc", 1, new ServedRecordings(100L, 60_000L, 0));
        String link = files.linksForV3(SID, NOW).get(0).get("url");
        Query query = Query.of(link);

        assertThat(files.download("acc", SID, 1, query.expires() + 1000, query.signature(), NOW))
                .isEqualTo(new RecordingFiles.Download.Refused(403, "SignatureDoesNotMatch"));
        assertThat(files.download("acc", SID, 2, query.expires(), query.signature(), NOW))
                .isInstanceOf(RecordingFiles.Download.Refused.class).extracting("status").isEqualTo(404);
        assertThat(files.download("other", SID, 1, query.expires(), query.signature(), NOW))
                .extracting("status").isEqualTo(404);
    }

    @Test
    void describesEachRecordingByTheChecksumOfTheBytesItServes() throws Exception {
        files.serve(SID, "acc", 1, new ServedRecordings(200_000L, 60_000L, 0));
        byte[] bytes = download(files.linksForV3(SID, NOW).get(0).get("url"), NOW);

        RecordingFiles.Description description = files.describe(SID).orElseThrow().get(0);

        assertThat(description.bytes()).isEqualTo(200_000);
        assertThat(description.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(new String(bytes, 0, 4)).isEqualTo("RIFF");
        assertThat(new String(bytes, 8, 4)).isEqualTo("WAVE");
        assertThat(description.downloads()).isEqualTo(1);
    }

    @Test
    void streamsFiftyMegabytesWithoutHoldingThem() throws Exception {
        long size = 50L * 1024 * 1024;
        long[] counted = {0};
        RecordingFiles.write(SID, 1, size, new OutputStream() {
            @Override
            public void write(int b) {
                counted[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                assertThat(len).isLessThanOrEqualTo(64 * 1024);
                counted[0] += len;
            }
        });
        assertThat(counted[0]).isEqualTo(size);
    }

    @Test
    void refusesSizesAndLifetimesOutOfRange() {
        assertThatThrownBy(() -> new ServedRecordings(-1L, null, null).validate()).hasMessageContaining("bytes");
        assertThatThrownBy(() -> new ServedRecordings(null, -1L, null).validate()).hasMessageContaining("link_ttl_ms");
        assertThatThrownBy(() -> new ServedRecordings(null, null, -1).validate()).hasMessageContaining("expired_links");
        assertThatThrownBy(() -> new ServedRecordings(ServedRecordings.MAX_BYTES + 1, null, null).validate())
                .hasMessageContaining("bytes");
    }

    private byte[] download(String link, Instant at) throws IOException {
        Query query = Query.of(link);
        RecordingFiles.Download download = files.download(query.account(), query.callSid(), query.index(), query.expires(),
                query.signature(), at);
        assertThat(download).isInstanceOf(RecordingFiles.Download.Bytes.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((RecordingFiles.Download.Bytes) download).body().writeTo(out);
        return out.toByteArray();
    }

    private int refusal(String link, Instant at) {
        Query query = Query.of(link);
        return ((RecordingFiles.Download.Refused) files.download(query.account(), query.callSid(), query.index(),
                query.expires(), query.signature(), at)).status();
    }

    private record Query(String account, String callSid, int index, long expires, String signature) {
        static Query of(String link) {
            URI uri = URI.create(link);
            String[] path = uri.getPath().split("/");
            String[] params = uri.getQuery().split("&");
            return new Query(path[2], path[3], Integer.parseInt(path[4].replace(".wav", "")),
                    Long.parseLong(params[0].substring("expires=".length())), params[1].substring("signature=".length()));
        }
    }

}
