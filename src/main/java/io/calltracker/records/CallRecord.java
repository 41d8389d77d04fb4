package io.calltracker.records;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;

/** The final record of one tracked call: every field of Exotel's call_details plus tracking facts. */
@Entity
@Table(name = "call_record")
public class CallRecord extends PanacheEntityBase {

    @Id
    @Column(name = "call_sid")
    public String callSid;
    public String accountSid;
    public String outcome;
    public String outcomeReason;
    public String direction;
    public String virtualNumber;
    public String state;
    /** As Exotel sent it: unknown statuses are data, not errors. */
    public String status;
    public OffsetDateTime createdTime;
    public OffsetDateTime updatedTime;
    public OffsetDateTime startTime;
    /** Null while Exotel shows its 1970 "no end yet" sentinel. */
    public OffsetDateTime endTime;
    public Integer totalDuration;
    public Integer totalTalkTime;
    public String customField;
    public String appId;
    public String appName;
    public String digits;
    /** JSON array of {"url": …}; the URLs are pre-signed credentials. */
    @ColumnTransformer(write = "?::jsonb")
    public String recordings;
    public String legsPath;
    /** "fetched", "not_applicable" (not terminal, or legs switched off) or "unavailable: …" (the Beta legs API refused). */
    public String legsStatus;
    /** The reply as received; a body jsonb refuses is kept as {"unparsed_body": "…"} (migration V23). */
    @ColumnTransformer(write = "storable_jsonb(?)")
    public String rawResponse;
    /** What the record could not keep of the reply (field: why), one per line; null when all was kept. */
    public String mappingNotes;
    @ColumnTransformer(write = "?::jsonb")
    public String metadata;
    /**
     * JSON array of the archived recordings (index, status, object key, content type, size, SHA-256, reason),
     * written by the recording archive once it settled them (migration V27); null until then or with
     * archival off. Never a link.
     */
    @ColumnTransformer(write = "?::jsonb")
    public String recordingArchive;
    public OffsetDateTime firstSeenAt;
    public OffsetDateTime terminalDetectedAt;
    public OffsetDateTime finalisedAt;
    public int pollCount;

    @Override
    public String toString() {
        return "CallRecord[" + callSid + ", outcome=" + outcome + ", status=" + status + "]";
    }
}
