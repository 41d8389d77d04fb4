package io.calltracker.records;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Reads tables call_record and call_leg for other packages; the finaliser writes them in its transaction. */
@ApplicationScoped
public class CallRecords {

    public Optional<CallRecord> find(String callSid) {
        return CallRecord.<CallRecord>find("callSid", callSid).firstResultOptional();
    }

    public long legCount(String callSid) {
        return CallLeg.count("callSid", callSid);
    }
}
