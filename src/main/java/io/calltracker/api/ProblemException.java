package io.calltracker.api;

import io.calltracker.base.ProblemType;
import java.util.List;

/** A failure the admin API reports as a problem; its message is the problem's detail, so it must hold no secret. */
class ProblemException extends RuntimeException {

    final ProblemType type;
    /** Per-item outcomes of an enqueue request, or null. */
    final List<IntakeResult> results;

    ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    ProblemException(ProblemType type, String detail, List<IntakeResult> results) {
        super(detail, null, false, false);
        this.type = type;
        this.results = results;
    }
}
