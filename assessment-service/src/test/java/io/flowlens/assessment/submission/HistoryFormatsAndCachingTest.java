package io.flowlens.assessment.submission;

import static io.flowlens.assessment.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * An organisation's assessment history as CSV for spreadsheets, and as a conditional read: ETag,
 * 304 for an unchanged history, a new tag after a submission, Cache-Control.
 */
@QuarkusTest
class HistoryFormatsAndCachingTest {

    @Test
    void historyAsCsvIsOneRowPerAssessmentWithScoresAndChanges() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "250-999", "europe");
        Api.submit(tenant, org, Api.scoring(2));
        String newest = Api.submit(tenant, org, Api.scoring(4));
        String path = "/api/v1/organisations/" + org + "/assessments";
        Response csv = as(tenant, "reader").accept("text/csv").get(path);
        csv.then().statusCode(200).contentType(startsWith("text/csv")).contentType(containsString("charset=utf-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"assessment-history.csv\""));
        String[] rows = csv.asString().split("\r\n");
        assertEquals(3, rows.length, csv.asString());
        assertTrue(rows[0].startsWith("assessment_id,questionnaire_version,assessed_at,index,index_change,level,level_name,"
                + "research,research_change,"), rows[0]);
        // Newest first: every score 75.0, up 50.0 on the previous assessment; the first has no change.
        assertTrue(rows[1].startsWith(newest + ",ccm-2026.1,"), rows[1]);
        assertTrue(rows[1].contains(",75.0,50.0"), rows[1]);
        assertTrue(rows[2].contains(",25.0,,"), rows[2]);

        // A page of one: the next page's address is in the Link header.
        as(tenant, "reader").accept("text/csv").get(path + "?limit=1").then().statusCode(200)
                .header("Link", startsWith("<" + path + "?limit=1&cursor=")).header("Link", containsString("rel=\"next\""));
    }

    @Test
    void anUnchangedHistoryIsNotSentAgain() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "250-999", "europe");
        Api.submit(tenant, org, Api.scoring(2));
        String path = "/api/v1/organisations/" + org + "/assessments";
        String tag = as(tenant, "reader").get(path).then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-cache")).extract().header("ETag");
        as(tenant, "reader").header("If-None-Match", tag).get(path).then().statusCode(304).header("ETag", equalTo(tag));
        Api.submit(tenant, org, Api.scoring(3));
        as(tenant, "reader").header("If-None-Match", tag).get(path).then().statusCode(200)
                .header("ETag", not(equalTo(tag)));
    }
}
