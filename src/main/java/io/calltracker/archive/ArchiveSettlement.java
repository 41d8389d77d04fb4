package io.calltracker.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.calltracker.base.DatabaseFailures;
import io.calltracker.publishing.EventType;
import io.calltracker.publishing.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends one recording's archival, in one transaction: its row gets its outcome (fenced by the claim), and when
 * it was the call's last pending recording, the call's record gets the archive's summary and the event
 * {@code call.recordings_archived} is queued. The call's rows are locked first, in index order, so two
 * instances settling the call's last two recordings queue behind each other and exactly one of them sees the
 * call complete.
 */
@ApplicationScoped
class ArchiveSettlement {

    private static final String SUMMARISE = """
            UPDATE call_record SET recording_archive = ?::jsonb,
                   recordings = CASE WHEN ? THEN recordings ELSE '[]'::jsonb END
             WHERE call_sid = ?
            """;

    private final ArchiveJobs jobs;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final AgroalDataSource dataSource;
    private final ArchiveConfig config;

    ArchiveSettlement(ArchiveJobs jobs, Outbox outbox, ObjectMapper mapper, AgroalDataSource dataSource, ArchiveConfig config) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.mapper = mapper;
        this.dataSource = dataSource;
        this.config = config;
    }

    /** @return false when the claim was lost and nothing was written */
    @Transactional
    public boolean settle(ArchiveJob job, ArchiveOutcome outcome) {
        List<ArchiveJobs.Row> rows = jobs.lockCall(job.callSid());
        if (!jobs.settle(job, outcome)) {
            return false;
        }
        List<RecordingsArchivedEvent.ArchivedRecording> recordings = new ArrayList<>(rows.size());
        for (ArchiveJobs.Row row : rows) {
            boolean mine = row.index() == job.index();
            String status = mine ? outcome.status() : row.status();
            if ("pending".equals(status)) {
                return true;
            }
            recordings.add(mine
                    ? new RecordingsArchivedEvent.ArchivedRecording(row.index(), status, row.objectKey(), outcome.contentType(),
                            outcome.sizeBytes(), outcome.sha256(), outcome.reason())
                    : new RecordingsArchivedEvent.ArchivedRecording(row.index(), status, row.objectKey(), row.contentType(),
                            row.sizeBytes(), row.sha256(), row.reason()));
        }
        int generation = rows.get(0).generation();
        RecordingsArchivedEvent event = new RecordingsArchivedEvent(RecordingsArchivedEvent.idOf(job.callSid(), generation),
                RecordingsArchivedEvent.TYPE, RecordingsArchivedEvent.SCHEMA_VERSION, job.callSid(), job.accountSid(),
                generation, config.bucket().orElse(null), OffsetDateTime.now(ZoneOffset.UTC), recordings);
        summarise(job.callSid(), recordings);
        outbox.append(EventType.RECORDINGS_ARCHIVED, event.eventId(), event.callSid(), event.accountSid(), event.settledAt(), event);
        return true;
    }

    private void summarise(String callSid, List<RecordingsArchivedEvent.ArchivedRecording> recordings) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SUMMARISE)) {
            s.setString(1, mapper.writeValueAsString(recordings));
            s.setBoolean(2, config.keepLinks());
            s.setString(3, callSid);
            s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not record the archive on the call record", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("archive summary of " + callSid + " is not serialisable", e);
        }
    }
}
