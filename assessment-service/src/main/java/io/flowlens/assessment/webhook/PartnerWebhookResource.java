package io.flowlens.assessment.webhook;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Operation(summary = "Register a callback URL",
            description = "Every scored assessment of the tenant is POSTed as {type: assessment.scored, timestamp, data} with"
                    + " headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>"
                    + " keyed with the base64-decoded part of the secret). Retried with backoff for about 27 hours; a 410 disables"
                    + " the endpoint. The secret is returned only here.")
    @APIResponse(responseCode = "201", description = "Registered; keep the secret", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Not an http(s) URL", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull RegisterWebhook webhook) {
        WebhookView created = webhooks.register(caller.tenant(), webhook);
        return Response.status(201).header("Location", "/api/v1/partner-webhooks/" + created.id()).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(summary = "List the tenant's callback URLs")
    @APIResponse(responseCode = "200", description = "The endpoints (without secrets)")
    public Page<WebhookView> list() {
        return webhooks.list(caller.tenant());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READER)
    @Operation(summary = "Read a callback URL")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView get(@PathParam("id") UUID id) {
        return webhooks.get(caller.tenant(), id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.PARTNER)
    @Operation(summary = "Disable a callback URL", description = "Pending deliveries stop; the delivery log stays readable.")
    @APIResponse(responseCode = "204", description = "Disabled")
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void disable(@PathParam("id") UUID id) {
        webhooks.disable(caller.tenant(), id);
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed(Roles.READER)
    @Operation(summary = "The endpoint's delivery log", description = "Newest first: status, attempts, last response and next attempt time.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id,
            @QueryParam("limit") @Parameter(description = "1..500, default 50") Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        return webhooks.deliveries(caller.tenant(), id, limit, cursor);
    }
}
