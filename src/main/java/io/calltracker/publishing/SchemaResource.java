package io.calltracker.publishing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serves the published events' JSON Schemas at their identifiers ({@link EventSchemas}). */
@Path("/schema")
@Tag(name = "events", description = "JSON Schemas of the events the tracker publishes")
public class SchemaResource {

    static final String MEDIA_TYPE = "application/schema+json";

    private final EventSchemas schemas;

    public SchemaResource(EventSchemas schemas) {
        this.schemas = schemas;
    }

    @GET
    @Path("/{file}")
    @Produces(MEDIA_TYPE)
    @Operation(summary = "An event's JSON Schema, e.g. call-completed-event.v1.json; its $id is the events' ce_dataschema")
    public String schema(@PathParam("file") String file) {
        return schemas.served(EventType.ofSchemaFile(file).orElseThrow(NotFoundException::new));
    }
}
