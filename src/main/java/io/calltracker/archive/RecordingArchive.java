package io.calltracker.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.records.CallRecord;
import io.calltracker.records.Recording;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The archive's door for other packages: tracking queues a finished call's recordings here, in the
 * transaction that stores its record; an operator queues a call again.
 */
@ApplicationScoped
public class RecordingArchive {

    private static final TypeReference<List<Recording>> RECORDINGS = new TypeReference<>() {
    };

    private final ArchiveJobs jobs;
    private final ArchiveConfig config;
    private final ObjectMapper mapper;

    RecordingArchive(ArchiveJobs jobs, ArchiveConfig config, ObjectMapper mapper) {
        this.jobs = jobs;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * Queues the recordings of a call just finished (nothing when archival is off or the call has none). One
     * INSERT in the caller's transaction: the record and its completion event wait for nothing else.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(CallRecord record) {
        if (config.enabled()) {
            jobs.enqueue(record.callSid, record.accountSid, recordings(record));
        }
    }

    /**
     * An operator's re-archive: every recording of the call is copied again, to the same keys, with fresh
     * links from v3, and settles into a new event. A call that finished while archival was off is queued
     * from its record's links.
     *
     * @return how many recordings were queued; empty when there is no such record
     */
    @Transactional
    public Optional<Integer> rearchive(String callSid) {
        CallRecord record = CallRecord.findById(callSid);
        if (record == null) {
            return Optional.empty();
        }
        int again = jobs.rearchive(callSid);
        return Optional.of(again > 0 ? again : jobs.enqueue(record.callSid, record.accountSid, recordings(record)));
    }

    public boolean enabled() {
        return config.enabled();
    }

    private List<ArchiveJobs.NewRecording> recordings(CallRecord record) {
        List<Recording> links = read(record);
        OffsetDateTime day = Objects.requireNonNullElse(record.createdTime,
                Objects.requireNonNullElse(record.finalisedAt, OffsetDateTime.now(ZoneOffset.UTC)));
        List<ArchiveJobs.NewRecording> recordings = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            String url = links.get(i).url();
            if (url != null && !url.isBlank()) {
                int index = i + 1;
                recordings.add(new ArchiveJobs.NewRecording(index, url,
                        RecordingKey.of(config.prefix(), record.accountSid, day, record.callSid, index, url)));
            }
        }
        return recordings;
    }

    private List<Recording> read(CallRecord record) {
        if (record.recordings == null) {
            return List.of();
        }
        try {
            return mapper.readValue(record.recordings, RECORDINGS);
        } catch (JsonProcessingException e) {
            // Written by the tracker itself from parsed details; unreadable means there is nothing to archive.
            return List.of();
        }
    }
}
