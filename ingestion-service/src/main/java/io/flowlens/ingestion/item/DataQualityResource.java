package io.flowlens.ingestion.item;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/connections/{id}/data-quality")
@Tag(name = "Items")
@Produces(MediaType.APPLICATION_JSON)
public class DataQualityResource {

    @Inject
    ItemQueries items;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getDataQuality", summary = "Data-quality findings of a connection",
            description = "Instants in the future or before creation, unmapped statuses, items done without start;"
                    + " counted, never silently dropped. `unmapped` lists each status no mapping covers (neither by"
                    + " name nor by the category the connection has seen it with on any item), with how many items"
                    + " and status changes use it and a suggested flow state: the category the status was seen with"
                    + " in the tenant's other connections of the same tracker, else English words in its name"
                    + " (null when neither suggests one). A status override (PUT .../mapping) removes it from"
                    + " the list.\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)

    @APIResponse(responseCode = "200", description = "The findings",
            content = @Content(schema = @Schema(implementation = DataQualityView.class),
                    examples = @ExampleObject(name = "findings", value = "{\"connectionId\":"
                            + "\"7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"items\":1200,\"futureInstants\":0,"
                            + "\"beforeCreation\":2,\"unmappedStatuses\":14,\"doneWithoutStart\":31,\"deleted\":3,"
                            + "\"unmapped\":[{\"status\":\"Peer Check\",\"items\":9,\"transitions\":9,"
                            + "\"suggestion\":{\"state\":\"active\",\"rule\":\"category-in-other-connection\","
                            + "\"reason\":\"seen with status category 'indeterminate' in connection 'Jira EU',"
                            + " which maps to active\"}},{\"status\":\"Awaiting Sign-off\",\"items\":3,"
                            + "\"transitions\":3,\"suggestion\":{\"state\":\"waiting\",\"rule\":\"words-in-name\","
                            + "\"reason\":\"the name contains 'await', usually waiting\"}},{\"status\":\"Gate 2\","
                            + "\"items\":2,\"transitions\":2,\"suggestion\":null}]}")))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DataQualityView get(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id) {
        return items.dataQuality(caller.tenant(), id);
    }
}
