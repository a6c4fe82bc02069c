package io.flowlens.metrics.centricity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One scored assessment as assessment-service feeds it (docs/contracts.md, "Scored assessments"):
 * its whole current state at {@code revision}, or its withdrawal ({@code deleted}, no scores).
 */
record AssessmentEvent(String eventId, String tenantId, boolean deleted, long revision, UUID assessmentId,
        UUID organisationId, String organisationName, String questionnaireVersion, Instant scoredAt, Double index,
        List<Dimension> dimensions) {

    /** One dimension's reported score, with the questionnaire's key and label. */
    record Dimension(String key, String label, double score) {
    }
}
