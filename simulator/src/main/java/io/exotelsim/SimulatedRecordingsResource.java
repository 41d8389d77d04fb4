package io.exotelsim;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The bytes of served recordings, behind the signed links the v3 API hands out, as Exotel's bucket serves
 * them: 403 with S3's XML error for an expired or tampered link, 404 for no such recording. Streamed: a
 * 50 MB recording is never held in memory, here or (the point of the tests) in the client.
 */
@Path("/recordings/{account_sid}/{call_sid}/{file}")
public class SimulatedRecordingsResource {

    private final CallSimulator simulator;

    SimulatedRecordingsResource(CallSimulator simulator) {
        this.simulator = simulator;
    }

    @GET
    public Response download(@PathParam("account_sid") String accountSid, @PathParam("call_sid") String callSid,
            @PathParam("file") String file, @QueryParam("expires") Long expires, @QueryParam("signature") String signature) {
        int index;
        try {
            index = Integer.parseInt(file.replaceFirst("\\.wav$", ""));
        } catch (NumberFormatException e) {
            return refused(404, "NoSuchKey");
        }
        RecordingFiles.Download download = simulator.downloadRecording(accountSid, callSid, index, expires, signature);
        if (download instanceof RecordingFiles.Download.Refused refused) {
            return refused(refused.status(), refused.message());
        }
        RecordingFiles.Download.Bytes bytes = (RecordingFiles.Download.Bytes) download;
        StreamingOutput body = out -> bytes.body().writeTo(out);
        return Response.ok(body, "audio/wav").header("Content-Length", bytes.length()).build();
    }

    private static Response refused(int status, String message) {
        String code = status == 404 ? "NoSuchKey" : "AccessDenied";
        return Response.status(status).type("application/xml")
                .entity("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>")
                .build();
    }
}
