package io.calltracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.base.ProblemType;
import io.calltracker.base.RowRefusedException;
import io.calltracker.intake.IntakeJson;
import io.calltracker.intake.IntakeParser;
import io.calltracker.intake.IntakeRequest;
import io.calltracker.intake.RejectedIntakeException;
import io.calltracker.tracking.FirstPoll;
import io.calltracker.tracking.PollSchedule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts tracking calls given over HTTP. Each value is read by the same {@link IntakeParser} as a
 * Kafka intake message, so what Kafka would dead-letter is rejected here with the same reason.
 * Unlike Kafka intake it does not wait out a database outage: the client gets a 503 and retries,
 * and calls already stored come back as duplicates. An item whose data the database refuses is
 * rejected with the database's reason, as Kafka intake dead-letters it.
 */
@ApplicationScoped
class AdminIntake {

    /** Bounds the work of one request; larger lists are split by the client. */
    static final int MAX_BATCH = 1000;

    private final IntakeParser parser;
    private final PollSchedule schedule;
    private final FirstPoll firstPoll;
    private final IntakeJson json;

    AdminIntake(IntakeParser parser, PollSchedule schedule, FirstPoll firstPoll, ObjectMapper mapper) {
        this.parser = parser;
        this.schedule = schedule;
        this.firstPoll = firstPoll;
        this.json = new IntakeJson(mapper);
    }

    /** @throws ProblemException intake-rejected when not one item could be tracked */
    IntakeReport enqueue(String body) {
        List<String> values = intakeValues(body);
        List<IntakeResult> results = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            results.add(track(i, values.get(i)));
        }
        IntakeReport report = IntakeReport.of(results);
        if (report.rejected() == results.size()) {
            throw new ProblemException(ProblemType.INTAKE_REJECTED, results.size() == 1 ? results.get(0).reason()
                    : "every item was rejected; see results", results);
        }
        return report;
    }

    private IntakeResult track(int index, String value) {
        IntakeRequest request;
        try {
            request = parser.parse(value);
        } catch (RejectedIntakeException e) {
            return IntakeResult.rejected(index, e.getMessage());
        }
        try {
            boolean added = schedule.enqueue(request.callSid(), request.accountSid(), request.metadataJson(),
                    firstPoll.delay());
            return IntakeResult.stored(index, request, added);
        } catch (RowRefusedException e) {
            return IntakeResult.rejected(index, e.reason());
        }
    }

    /**
     * {@code {"calls": [v, …]}} is a batch of intake values (a JSON string item is a plain SID, as a
     * Kafka value would be); any other body is one intake value, given to the parser as it came.
     */
    private List<String> intakeValues(String body) {
        JsonNode calls = batch(body);
        if (calls == null) {
            return List.of(body == null ? "" : body);
        }
        if (!calls.isArray() || calls.isEmpty() || calls.size() > MAX_BATCH) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "calls must be an array of 1 to " + MAX_BATCH + " intake values");
        }
        List<String> values = new ArrayList<>(calls.size());
        calls.forEach(item -> values.add(item.isTextual() ? item.textValue() : item.toString()));
        return values;
    }

    /**
     * @return the body's "calls" member, or null when the body is not a batch (malformed JSON is the parser's
     * to reject). Read as strictly as the parser reads, so that an item is given to it as it came (numbers
     * exact, keys not merged).
     */
    private JsonNode batch(String body) {
        if (body == null || !body.strip().startsWith("{")) {
            return null;
        }
        try {
            return json.read(body).get("calls");
        } catch (RejectedIntakeException e) {
            return null;
        }
    }
}
