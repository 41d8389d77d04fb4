package io.calltracker.tracking;

import io.calltracker.base.BoundedCount;
import io.calltracker.exotel.ExotelClient;

/** tracker.bulk.chunk-size: 1 to 100 SIDs a v1 request; Exotel takes no more, so more is taken as 100 (with a WARN). */
public final class ChunkSizeSetting extends BoundedCount {

    public ChunkSizeSetting() {
        super("tracker.bulk.chunk-size", 1, ExotelClient.MAX_BULK_SIDS, "at least 1 SID a request");
    }
}
