package io.flowlens.assessment.webhook;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.assessment.idempotency.IdempotencyKeys;
import io.flowlens.assessment.paging.Page;
import io.flowlens.assessment.webhook.WebhookDtos.DeliveryView;
import io.flowlens.assessment.webhook.WebhookDtos.RegisterWebhook;
import io.flowlens.assessment.webhook.WebhookDtos.WebhookView;
import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/partner-webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partner webhooks", description = "Scored assessments POSTed to a partner's URL, signed per Standard Webhooks")
public class PartnerWebhookResource {

    @Inject
    PartnerWebhookService webhooks;

    @Inject
    CurrentCaller caller;

    @Inject
    IdempotencyKeys idempotency;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @Operation(operationId = "registerPartnerWebhook", summary = "Register a callback URL",
            description = "Every scored assessment of the tenant is POSTed as {type: assessment.scored, timestamp, data} with"
                    + " headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>"
                    + " keyed with the base64-decoded part of the secret). The URL must be https and reach a public address; it is checked again at each delivery, after DNS resolution, and redirects are not followed. Retried with backoff for about 27 hours; a 410 disables"
                    + " the endpoint. The secret is returned only here.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegisterWebhook.class), examples = @ExampleObject(name = "crm", value = """
                    {"url": "https://partner.example.com/flowlens/webhooks", "description": "CRM sync"}""")))
    @APIResponse(responseCode = "201", description = "Registered; keep the secret (a replay for the same Idempotency-Key shows it again)",
            content = @Content(schema = @Schema(implementation = WebhookView.class)),
            headers = @Header(name = IdempotencyKeys.REPLAYED, description = IdempotencyKeys.REPLAYED_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
    @APIResponse(responseCode = "400", description = "Not an https URL, carries credentials, or its host is or resolves to a"
            + " loopback, private, link-local (cloud metadata), unspecified, multicast or otherwise non-public address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "private address", value = """
                            {"type":"https://flowlens.io/problems/validation","title":"Request is not valid","status":400,
                             "detail":"/url: 10.0.0.7 is a private address; callbacks must reach a public address",
                             "errors":[{"pointer":"/url","detail":"10.0.0.7 is a private address; callbacks must reach a public address"}]}""")))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is in flight (request-in-flight)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body (idempotency-key-reused)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@HeaderParam(IdempotencyKeys.HEADER) @Parameter(description = IdempotencyKeys.KEY_DESCRIPTION,
            example = "5f0c7e9e-4d1b-4a53-9d0e-2b8f3c1a7d42") String idempotencyKey,
            @Valid @NotNull RegisterWebhook webhook) {
        String tenant = caller.tenant();
        IdempotencyKeys.Outcome<WebhookView> outcome = idempotency.create(tenant, idempotencyKey,
                "POST /api/v1/partner-webhooks", webhook, claim -> webhooks.register(tenant, webhook, claim),
                id -> webhooks.registered(tenant, id));
        return outcome.created("/api/v1/partner-webhooks/" + outcome.resource().id());
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listPartnerWebhooks", summary = "List the tenant's callback URLs", description = "Enabled and disabled, never their secrets.")
    @APIResponse(responseCode = "200", description = "The endpoints (without secrets)")
    public Page<WebhookView> list() {
        return webhooks.list(caller.tenant());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getPartnerWebhook", summary = "Read a callback URL", description = "Without its secret, which is shown only when registered.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView get(@Parameter(description = "The callback endpoint's id") @PathParam("id") UUID id) {
        return webhooks.get(caller.tenant(), id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.PARTNER)
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @Operation(operationId = "disablePartnerWebhook", summary = "Disable a callback URL", description = "Pending deliveries stop; the delivery log stays readable.")
    @APIResponse(responseCode = "204", description = "Disabled")
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void disable(@Parameter(description = "The callback endpoint's id") @PathParam("id") UUID id) {
        webhooks.disable(caller.tenant(), id);
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listPartnerWebhookDeliveries", summary = "The endpoint's delivery log", description = "Newest first: status, attempts, last response and next attempt time.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeliveryView> deliveries(@Parameter(description = "The callback endpoint's id") @PathParam("id") UUID id,
            @QueryParam("limit") @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") String cursor) {
        return webhooks.deliveries(caller.tenant(), id, limit, cursor);
    }
}
