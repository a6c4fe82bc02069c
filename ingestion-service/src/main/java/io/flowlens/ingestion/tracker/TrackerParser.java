package io.flowlens.ingestion.tracker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tracker's way of talking: how it proves a delivery is genuine, how it names deliveries,
 * and what its payloads say about items. A new tracker is one implementation plus fixtures.
 */
public interface TrackerParser {

    /** The connection kind this parser serves ({@code github}, {@code azure-devops}, ...). */
    String kind();

    /** Whether the secret is kept as an encrypted HMAC key (true) or only as a hash (false). */
    boolean signsWithHmac();

    /** The tracker's own authenticity check of the exact body bytes. */
    boolean authentic(Delivery delivery, TrackerSecret secret);

    /** The tracker's delivery id, or null when it sends none (the body digest is used then). */
    String deliveryId(Delivery delivery, JsonNode body);

    /** The item changes a delivery carries; throws {@link PayloadProblem} when it is not this tracker's. */
    ParsedDelivery parse(Delivery delivery, JsonNode body);
}
