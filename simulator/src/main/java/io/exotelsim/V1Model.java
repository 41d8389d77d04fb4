package io.exotelsim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How v1 Bulk Call Details shows a call relative to the v3 Call Details API. The vendor documents
 * neither when v1 starts listing an ended call nor when it fills the asynchronous fields, so the
 * simulator plays several answers and the tracker must stay correct under each (issue 12, item 5).
 */
enum V1Model {

    /**
     * The default: listed from the moment the call ends, {@code EndTime}/{@code Duration}/{@code Price}/
     * {@code RecordingUrl} empty until v3 turns terminal. The model the tracker's bulk sweep assumes.
     */
    LISTED_AT_END,

    /**
     * Listed from the end with {@code EndTime}, {@code Duration} and {@code Price} filled at once, while
     * v3 stays {@code active} through post-processing; only {@code RecordingUrl} waits for the terminal moment.
     */
    ENDTIME_AT_END,

    /**
     * Left out until v3 is terminal, then listed with every field filled, up to the setting's maximum lag
     * late (each call its own lag, drawn from its SID, so repeated requests agree).
     */
    LISTED_WHEN_TERMINAL;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    static V1Model of(String wireName) {
        return Arrays.stream(values())
                .filter(model -> model.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("v1 model must be one of "
                        + Arrays.stream(values()).map(V1Model::wireName).toList() + ", got " + wireName));
    }
}
