package io.flowlens.assessment.submission;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** An organisation's history (newest first, with changes, in pages) and the tenant's CSV export. */
@QuarkusTest
class HistoryTest {

    private String submitAt(String tenant, String org, int value, String assessedAt) {
        Map<String, Object> body = submission(org, Api.CCM, Api.scoring(value));
        body.put("assessedAt", assessedAt);
        return partner(tenant).body(body).post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    @Test
    void historyIsNewestFirstWithTheChangeSinceThePrevious() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "healthcare", "250-999", "europe");
        // Submitted out of order: back-dated history is ordered by when it was assessed.
        String middle = submitAt(tenant, org, 3, "2025-06-01T00:00:00Z"); // every score 50
        String oldest = submitAt(tenant, org, 2, "2025-01-01T00:00:00Z"); // 25
        String newest = submitAt(tenant, org, 4, "2026-01-01T00:00:00Z"); // 75

        as(tenant, "reader").queryParam("limit", 2).get("/api/v1/organisations/" + org + "/assessments").then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(newest, middle)))
                .body("items[0].index", equalTo(75.0f)).body("items[0].indexChange", equalTo(25.0f))
                .body("items[0].dimensions.find { it.id == 'communication' }.change", equalTo(25.0f))
                // The page's last item still gets its change, from the item beyond the page.
                .body("items[1].indexChange", equalTo(25.0f));
        String cursor = as(tenant, "reader").queryParam("limit", 2).get("/api/v1/organisations/" + org + "/assessments")
                .then().extract().path("nextCursor");
        as(tenant, "reader").queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/organisations/" + org + "/assessments").then().statusCode(200)
                .body("items.id", equalTo(List.of(oldest))).body("items[0].indexChange", nullValue())
                .body("items[0].dimensions[0].change", nullValue()).body("nextCursor", nullValue());
    }

    @Test
    void theExportHoldsTheTenantsResultsAsCsv() {
        String tenant = Api.newTenant();
        String org = partner(tenant).body(Map.of("name", "Quote \"and\", comma", "industry", "media", "sizeBand", "1-49",
                "region", "africa", "externalRef", "=cmd()")).post("/api/v1/organisations").then().statusCode(201)
                .extract().path("id");
        String assessment = submitAt(tenant, org, 3, "2025-06-01T00:00:00Z");
        String other = Api.newTenant();
        Api.submit(other, Api.createOrganisation(other, "media", "1-49", "africa"), Api.scoring(5));

        String csv = as(tenant, "reader").get("/api/v1/assessments/export").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(2, lines.size(), csv);
        assertEquals("assessment_id,organisation_id,organisation_name,external_ref,industry,size_band,region,"
                + "questionnaire_version,assessed_at,submitted_at,index,level,level_name,research,strategy,product,"
                + "communication,teams,service,enablement", lines.get(0));
        assertTrue(lines.get(1).startsWith(assessment + "," + org + ",\"Quote \"\"and\"\", comma\",'=cmd(),media,1-49,africa,"
                + "ccm-2026.1,2025-06-01T00:00:00Z,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",50.0,3,Developing,50.0,50.0,50.0,50.0,50.0,50.0,50.0"), lines.get(1));
        as(tenant, "reader").queryParam("version", "nope").get("/api/v1/assessments/export").then().statusCode(400)
                .body("errors[0].pointer", equalTo("version"));
    }
}
