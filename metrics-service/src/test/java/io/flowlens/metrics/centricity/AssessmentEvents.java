package io.flowlens.metrics.centricity;

import static io.flowlens.metrics.Fixtures.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.flowlens.common.contract.AssessmentEventContract;
import io.restassured.response.ValidatableResponse;

/** Events of the assessment feed as assessment-service sends them, and their POST to metrics. */
public final class AssessmentEvents {

    private AssessmentEvents() {
    }

    /** A scored assessment with dimensions "communication" and "research" at the given scores. */
    public static Map<String, Object> scored(String tenantId, UUID assessmentId, UUID organisationId, long revision,
            String scoredAt, double index, double communication, double research) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("assessmentId", assessmentId.toString());
        a.put("organisationId", organisationId.toString());
        a.put("organisationName", "Acme Retail");
        a.put("questionnaireVersion", "ccm-2026.1");
        a.put("scoredAt", scoredAt);
        a.put("index", index);
        a.put("dimensions", List.of(
                Map.of("key", "communication", "label", "Communication", "score", communication),
                Map.of("key", "research", "label", "Customer research", "score", research)));
        return envelope(tenantId, AssessmentEventContract.SCORED, revision, a);
    }

    public static Map<String, Object> deleted(String tenantId, UUID assessmentId, UUID organisationId, long revision) {
        return envelope(tenantId, AssessmentEventContract.DELETED, revision,
                Map.of("assessmentId", assessmentId.toString(), "organisationId", organisationId.toString()));
    }

    private static Map<String, Object> envelope(String tenantId, String type, long revision, Map<String, Object> a) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("tenantId", tenantId);
        e.put("type", type);
        e.put("revision", revision);
        e.put("emittedAt", "2026-03-01T10:00:00Z");
        e.put("assessment", a);
        return e;
    }

    @SafeVarargs
    public static ValidatableResponse post(Map<String, Object>... events) {
        return service().contentType("application/json")
                .header(AssessmentEventContract.VERSION_HEADER, AssessmentEventContract.VERSION)
                .body(Map.of("events", new ArrayList<>(List.of(events))))
                .post(AssessmentEventContract.PATH).then();
    }
}
