package io.flowlens.assessment;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The body limit fits what this service takes (a submission is a few kilobytes; 60,000 answer ids
 * still fit, to be refused by name): a larger body is a 413 problem and stores nothing.
 */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void aBodyOverTheLimitIs413() {
        String tenant = Api.newTenant();
        String padding = "x".repeat(3 * 1024 * 1024);
        partner(tenant).body(Map.of("name", padding, "industry", "retail", "sizeBand", "1-49", "region", "europe"))
                .post("/api/v1/organisations").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/payload-too-large"));
        as(tenant, "reader").get("/api/v1/organisations").then().statusCode(200).body("items", hasSize(0));
    }
}
