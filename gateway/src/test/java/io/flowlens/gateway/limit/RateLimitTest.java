package io.flowlens.gateway.limit;

import static io.flowlens.gateway.support.Gateway.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Per-key token buckets: RateLimit-* headers on every answer, 429 problem+json with Retry-After when empty. */
@QuarkusTest
class RateLimitTest {

    @Test
    void successfulAnswersCarryTheRateLimitHeaders() {
        TestTenant tenant = Gateway.newTenant("Default limits");
        Response response = as(tenant.adminKey()).get("/api/v1/items");
        response.then().statusCode(200).header("RateLimit-Limit", "200");
        int remaining = Integer.parseInt(response.header("RateLimit-Remaining"));
        assertTrue(remaining < 200 && remaining >= 190, "one token taken: " + remaining);
        assertTrue(Integer.parseInt(response.header("RateLimit-Reset")) >= 0);
        // The gateway's own resources are limited and report it the same way.
        as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id()).then().statusCode(200)
                .header("RateLimit-Limit", "200")
                .header("RateLimit-Remaining", org.hamcrest.Matchers.matchesPattern("1[0-9][0-9]"));
    }

    @Test
    void anEmptyBucketAnswers429WithRetryAfterAndKeysAreLimitedSeparately() {
        TestTenant tenant = Gateway.newTenantWithLimit("Tight limits", 3, 0.01);
        String reader = Gateway.newKey(tenant, "reader").getString("key");
        for (int i = 2; i >= 0; i--) {
            as(reader).get("/api/v1/items").then().statusCode(200).header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", String.valueOf(i));
        }
        Gateway.control("reset");
        Response refused = as(reader).get("/api/v1/items");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/rate-limited"))
                .header("RateLimit-Remaining", "0");
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        assertTrue(Integer.parseInt(refused.header("Retry-After")) <= 100);
        assertEquals("0", Gateway.control("hits/ingestion"), "a limited call does not reach the service");
        // Another key of the same tenant has its own bucket (the admin key created the reader: one token).
        as(tenant.adminKey()).get("/api/v1/items").then().statusCode(200).header("RateLimit-Remaining", "1");
    }
}
