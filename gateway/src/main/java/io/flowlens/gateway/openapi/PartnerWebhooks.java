package io.flowlens.gateway.openapi;

import static io.flowlens.gateway.openapi.OpenApiBase.map;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 {@code webhooks} section: what assessment-service POSTs to a partner's
 * registered callback URL. It is written here, not generated, because no resource method of ours
 * receives these calls: the partner's server does. The envelope, headers and signature follow
 * the Standard Webhooks scheme assessment-service implements (its WebhookDispatcher and
 * WebhookSignature); keep the two in step.
 */
final class PartnerWebhooks {

    /** The schema assessment-service publishes for a scored assessment (its AssessmentView). */
    static final String ASSESSMENT_SCHEMA = "#/components/schemas/AssessmentResult";

    private PartnerWebhooks() {
    }

    static Map<String, Object> webhooks() {
        // Inline (not a component) so it leaves with the webhook while assessment's document is
        // missing; the title names the type client generators make of it.
        Map<String, Object> envelope = map(
                "title", "AssessmentScoredEvent",
                "description", "The event envelope: its type, when it happened, and the scored assessment",
                "type", "object",
                "required", List.of("type", "timestamp", "data"),
                "properties", map(
                        "type", map("type", "string", "enum", List.of("assessment.scored"),
                                "description", "The event type"),
                        "timestamp", map("type", "string", "format", "date-time",
                                "description", "When the event happened (UTC)", "example", "2026-01-05T10:00:00Z"),
                        "data", map("$ref", ASSESSMENT_SCHEMA)));
        Map<String, Object> post = map(
                "operationId", "assessmentScored",
                "summary", "An assessment was scored",
                "description", "Sent to every enabled callback URL of the tenant (registered with"
                        + " `POST /api/v1/partner-webhooks`) once an assessment is stored and scored: `data` is the same"
                        + " result `POST /api/v1/organisations/{id}/assessments` answers. The event is queued in the"
                        + " same transaction as the assessment, so it is sent if and only if the assessment was"
                        + " stored.\n\n"
                        + "Verify before trusting it: `webhook-signature` is `v1,<base64 HMAC-SHA256>` of"
                        + " `<webhook-id>.<webhook-timestamp>.<raw body>`, keyed with the base64-decoded part of the"
                        + " endpoint's `whsec_` secret (Standard Webhooks); refuse timestamps far from now. A delivery"
                        + " may come more than once: drop repeats by `webhook-id`. Any 2xx acknowledges it; anything"
                        + " else (or no answer within the timeout, or a redirect) is retried with backoff for about"
                        + " 27 hours; `410 Gone` disables the endpoint. See docs/api-guide.md, \"Webhooks\".\n\n"
                        + "Role: none (Flowlens calls the partner; the signature authenticates it).",
                "tags", List.of("Partner webhooks"),
                "security", List.of(),
                "x-flowlens-roles", List.of(),
                "parameters", List.of(
                        header("webhook-id", "The message id, the same on every attempt of this delivery",
                                map("type", "string", "example", "msg_2b7c4f0a8c1e0d2b3a4c5e6f7a8b9c0d")),
                        header("webhook-timestamp", "Unix time (seconds) of this attempt",
                                map("type", "integer", "format", "int64", "example", 1767607200)),
                        header("webhook-signature", "`v1,` and the base64 HMAC-SHA256 of id.timestamp.body",
                                map("type", "string", "example", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="))),
                "requestBody", map("required", true, "content", map("application/json", map(
                        "schema", envelope))),
                "responses", map(
                        "200", map("description", "Acknowledged (any 2xx is)"),
                        "410", map("description", "The endpoint is gone: Flowlens disables it and stops sending")));
        return map("assessment.scored", map("post", post));
    }

    private static Map<String, Object> header(String name, String description, Map<String, Object> schema) {
        return map("name", name, "in", "header", "required", true, "description", description, "schema", schema);
    }
}
