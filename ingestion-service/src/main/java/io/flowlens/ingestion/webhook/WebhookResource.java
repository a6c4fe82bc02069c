package io.flowlens.ingestion.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.config.IngestionConfig;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Trackers' deliveries, authenticated by the tracker's own signature")
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @Inject
    IngestionConfig config;

    @POST
    @Path("/{connectionId}")
    @RolesAllowed(Roles.WEBHOOK)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveTrackerWebhook", summary = "Receive a tracker's webhook delivery",
            description = "Send the tracker's payload exactly as it sends it. Checked the tracker's way:"
                    + " GitHub X-Hub-Signature-256, GitLab X-Gitlab-Token, Jira X-Hub-Signature, Azure DevOps basic"
                    + " auth, Linear Linear-Signature, generic X-Flowlens-Signature (sha256=<hex HMAC>). Stored raw"
                    + " before anything else; a redelivery (same delivery id, or same body when the tracker sends"
                    + " no id) changes nothing. Event kinds that change no item are acknowledged and ignored."
                    + " At most 5 MB. Needs no API key.\n\nRole: none: the tracker's signature authenticates the"
                    + " delivery (webhook).")
    @Extension(name = "x-flowlens-roles", value = "[\"webhook\"]", parseValue = true)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "The tracker's own payload"),
            examples = @ExampleObject(name = "GitHub issues.closed",
                    value = "{\"action\":\"closed\",\"issue\":{\"node_id\":\"I_kwDOA\",\"number\":1,"
                            + "\"title\":\"Spelling error\",\"state_reason\":\"completed\"}}")))
    @APIResponse(responseCode = "200", description = "Applied, ignored or duplicate",
            content = @Content(schema = @Schema(implementation = WebhookReceipt.class),
                    examples = @ExampleObject(name = "applied", value = "{\"delivery\":\"72d3162e-cc78-11e3\","
                            + "\"outcome\":\"applied\",\"eventKind\":\"issues.closed\",\"itemsChanged\":1}")))
    @APIResponse(responseCode = "400", description = "Not JSON, or not a payload of this connection's tracker",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Signature or token missing or wrong; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such connection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 5 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookReceipt receive(@Parameter(description = "The connection the tracker delivers for (its webhook URL"
            + " names it)", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("connectionId") UUID connectionId, @Context HttpHeaders headers,
            InputStream body) throws IOException {
        Map<String, String> received = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> received.put(name, String.join(",", values)));
        return webhooks.receive(connectionId, received, readLimited(body, config.webhookMaxBytes()));
    }

    /** The body's bytes, refusing more than {@code max} even when no length was declared. */
    private static byte[] readLimited(InputStream in, long max) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw new ApiException(413, "payload-too-large", "Payload too large",
                    "the webhook body is over the limit; webhooks accept at most " + max + " bytes");
        }
        return bytes;
    }
}
