package io.calltracker.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer to an enqueue request: counts and every item's result, in request order. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "IntakeReport")
public record IntakeReport(int accepted, int duplicates, int rejected, List<IntakeResult> results) {

    static IntakeReport of(List<IntakeResult> results) {
        return new IntakeReport(count(results, IntakeResult.Status.ACCEPTED), count(results, IntakeResult.Status.DUPLICATE),
                count(results, IntakeResult.Status.REJECTED), results);
    }

    private static int count(List<IntakeResult> results, IntakeResult.Status status) {
        return (int) results.stream().filter(r -> r.result() == status).count();
    }
}
