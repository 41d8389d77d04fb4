package io.exotelsim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/** One registered call and what the Call Details API shows for it at any instant. */
final class SimulatedCall {

    static final String COMPLETED = "completed";

    private static final String DEFAULT_DIRECTION = "outbound";
    private static final String DEFAULT_VIRTUAL_NUMBER = "+911414941199";
    private static final long DEFAULT_RING_MS = 2_000;
    private static final long DEFAULT_TALK_MS = 5_000;
    private static final long DEFAULT_POST_PROCESSING_MS = 3_000;
    private static final int DEFAULT_COMPLETED_RECORDINGS = 1;
    private static final String RECORDINGS_BUCKET = "https://s3-ap-south-1.amazonaws.com/exotel-mum1-recordings/";

    private final String sid;
    private final String accountSid;
    private final String status;
    private final String direction;
    private final String virtualNumber;
    private final String digits;
    private final String customField;
    private final String appId;
    private final String appName;
    private final List<Map<String, String>> recordings;
    private final CallTimeline timeline;
    private final CallParties parties;
    private final StatusCallbackTarget statusCallback;
    /** Serves this call's recordings as bytes behind fresh expiring links; null for links nothing serves. */
    private final RecordingFiles files;

    private SimulatedCall(SimulatedCallSpec spec, String sid, String status, CallTimeline timeline, int recordingCount,
            RecordingFiles files) {
        this.sid = sid;
        this.accountSid = spec.accountSid();
        this.status = status;
        this.direction = Objects.requireNonNullElse(spec.direction(), DEFAULT_DIRECTION);
        this.virtualNumber = Objects.requireNonNullElse(spec.virtualNumber(), DEFAULT_VIRTUAL_NUMBER);
        this.digits = spec.digits();
        this.customField = spec.customField();
        this.appId = spec.appId();
        this.appName = spec.appName();
        this.timeline = timeline;
        this.recordings = IntStream.range(0, recordingCount).mapToObj(this::recording).toList();
        this.parties = CallParties.of(sid);
        this.statusCallback = StatusCallbackTarget.of(spec.statusCallbackUrl(), spec.statusCallbackContentType())
                .orElse(null);
        this.files = files;
    }

    /**
     * Applies the defaults to {@code spec} and starts the call at {@code created}. Only a
     * {@code completed} call was answered: every other status, known or not, gets no talk time and no
     * recordings.
     */
    static SimulatedCall from(SimulatedCallSpec spec, Instant created) {
        return from(spec, created, null);
    }

    /**
     * As {@link #from(SimulatedCallSpec, Instant)}; a spec with {@code served_recordings} has its recordings
     * served by {@code files} (which the caller must then {@linkplain RecordingFiles#serve register}).
     */
    static SimulatedCall from(SimulatedCallSpec spec, Instant created, RecordingFiles files) {
        if (spec == null || isBlank(spec.accountSid())) {
            throw new IllegalArgumentException("account_sid is required");
        }
        String status = Objects.requireNonNullElse(spec.status(), COMPLETED);
        if (status.isBlank()) {
            throw new IllegalArgumentException("status must not be blank");
        }
        boolean answered = COMPLETED.equals(status);
        CallTimeline timeline = new CallTimeline(created,
                millis("invisible_ms", spec.invisibleMs(), 0),
                millis("ring_ms", spec.ringMs(), DEFAULT_RING_MS),
                answered ? millis("talk_ms", spec.talkMs(), DEFAULT_TALK_MS) : Duration.ZERO,
                millis("post_processing_ms", spec.postProcessingMs(), DEFAULT_POST_PROCESSING_MS));
        int recordingCount = answered ? Objects.requireNonNullElse(spec.recordings(), DEFAULT_COMPLETED_RECORDINGS) : 0;
        if (recordingCount < 0) {
            throw new IllegalArgumentException("recordings must not be negative");
        }
        String sid = isBlank(spec.sid()) ? Hex.random(32) : spec.sid();
        if (spec.servedRecordings() != null) {
            spec.servedRecordings().validate();
        }
        RecordingFiles servedBy = spec.servedRecordings() == null ? null : files;
        return new SimulatedCall(spec, sid, status, timeline, recordingCount, servedBy);
    }

    String sid() {
        return sid;
    }

    String accountSid() {
        return accountSid;
    }

    /** The status the call ends with; the v3 API shows it only once the call is terminal. */
    String status() {
        return status;
    }

    String direction() {
        return direction;
    }

    boolean inbound() {
        return "inbound".equals(direction);
    }

    String virtualNumber() {
        return virtualNumber;
    }

    String customField() {
        return customField;
    }

    CallTimeline timeline() {
        return timeline;
    }

    CallParties parties() {
        return parties;
    }

    Optional<StatusCallbackTarget> statusCallback() {
        return Optional.ofNullable(statusCallback);
    }

    int recordingCount() {
        return recordings.size();
    }

    /** The first recording, the one the v1 API and the status callback name. */
    Optional<String> recordingUrl() {
        if (files != null) {
            return files.firstLink(sid, Instant.now());
        }
        return recordings.stream().findFirst().map(recording -> recording.get("url"));
    }

    Instant endedAt() {
        return timeline.ended();
    }

    Instant terminalAt() {
        return timeline.terminalAt();
    }

    /** False while Exotel would still answer 404 for this brand-new SID. */
    boolean visibleAt(Instant now) {
        return !now.isBefore(timeline.visibleFrom());
    }

    /** Hung up, whether or not post-processing is done: what the v1 API takes as "not ongoing". */
    boolean hasEndedAt(Instant now) {
        return visibleAt(now) && timeline.phaseAt(now).hasEnded();
    }

    boolean isTerminalAt(Instant now) {
        return timeline.phaseAt(now) == CallPhase.TERMINAL;
    }

    /** Empty while Exotel would still answer 404 for this brand-new SID. */
    Optional<CallDetailsView> detailsAt(Instant now) {
        if (!visibleAt(now)) {
            return Optional.empty();
        }
        CallPhase phase = timeline.phaseAt(now);
        boolean ended = phase.hasEnded();
        boolean terminal = phase == CallPhase.TERMINAL;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sid", sid);
        fields.put("direction", direction);
        fields.put("virtual_number", virtualNumber);
        fields.put("state", terminal ? "terminal" : "active");
        fields.put("status", terminal ? status : null);
        // Like the vendor's own "active call" example, a call in progress shows none of the later keys;
        // once it has ended they appear, as explicit nulls until post-processing is done.
        if (ended) {
            fields.put("legs", terminal ? "/v3/accounts/" + accountSid + "/calls/" + sid + "/legs" : null);
        }
        fields.put("created_time", ExotelTime.format(timeline.created()));
        fields.put("updated_time", ExotelTime.format(timeline.phaseStart(phase)));
        fields.put("start_time", phase == CallPhase.RINGING ? null : ExotelTime.format(timeline.started()));
        fields.put("end_time", ended ? ExotelTime.format(timeline.ended()) : ExotelTime.NO_END_TIME);
        if (ended) {
            fields.put("total_duration", terminal ? totalDurationSeconds() : null);
            fields.put("total_talk_time", terminal ? timeline.talk().toSeconds() : null);
            fields.put("custom_field", customField);
            fields.put("app_id", appId);
            fields.put("app_name", appName);
            fields.put("digits", digits);
            fields.put("recordings", !terminal ? null : files != null ? files.linksForV3(sid, now) : recordings);
        }
        return Optional.of(new CallDetailsView(fields));
    }

    /** Between the whole seconds shown in created_time and end_time, so a client can cross-check them. */
    long totalDurationSeconds() {
        return timeline.ended().getEpochSecond() - timeline.created().getEpochSecond();
    }

    private Map<String, String> recording(int index) {
        String file = accountSid + "/" + sid + (index == 0 ? "" : "-" + (index + 1)) + ".mp3";
        return Map.of("url", RECORDINGS_BUCKET + file
                + "?X-Amz-Expires=3600&X-Amz-Signature=" + Hex.sha256(file));
    }

    private static Duration millis(String field, Long value, long defaultMillis) {
        long millis = Objects.requireNonNullElse(value, defaultMillis);
        if (millis < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        return Duration.ofMillis(millis);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
