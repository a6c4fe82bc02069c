package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tracker's way of talking: how it proves a delivery is genuine (and fresh), how it names
 * deliveries, what its payloads say about items, and the export formats it reads for
 * backfills. Webhooks and backfills both come through here, so a new tracker is one
 * implementation plus its fixtures.
 */
public interface TrackerParser {

    /** The connection kind this parser serves ({@code github}, {@code azure-devops}, ...). */
    String kind();

    /** Whether the secret is kept as an encrypted HMAC key (true) or only as a hash (false). */
    boolean signsWithHmac();

    /** The tracker's own authenticity check of the exact body bytes. */
    boolean authentic(Delivery delivery, TrackerSecret secret);

    /**
     * Refuses an authentic delivery that is too old to be taken as sent now (replay protection
     * where the tracker signs a timestamp, as Linear does); only checked on receipt, never when
     * stored deliveries are parsed again. Throws {@link PayloadProblem} naming the field.
     */
    default void requireFresh(Delivery delivery, JsonNode body, Instant now) {
    }

    /** The tracker's delivery id, or null when it sends none (the body digest is used then). */
    String deliveryId(Delivery delivery, JsonNode body);

    /** The item changes a delivery carries; throws {@link PayloadProblem} when it is not this tracker's. */
    ParsedDelivery parse(Delivery delivery, JsonNode body);

    /** The export formats this tracker's backfills come in ({@code jira-search}, ...); none by default. */
    default Set<String> exportFormats() {
        return Set.of();
    }

    /**
     * Streams an export in one of {@link #exportFormats()} record by record: each readable
     * record to {@link ExportVisitor#record}, each problem to {@link ExportVisitor#invalid}
     * naming its line or index.
     */
    default void readExport(String format, Path file, ExportVisitor visitor) throws IOException {
        throw new IllegalArgumentException(kind() + " reads no export format " + format);
    }
}
