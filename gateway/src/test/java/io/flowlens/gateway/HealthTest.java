package io.flowlens.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.StandInServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness lists the database and every service; the stand-ins are started for every test class from here. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
class HealthTest {

    @Test
    void readinessIsUpAndChecksTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void readinessListsEveryServiceAndWhichIsDown() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItem("ingestion-service"))
                .body("checks.name", hasItem("metrics-service"))
                .body("checks.name", hasItem("assessment-service"));
        Gateway.control("stop/assessment");
        try {
            given().when().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'assessment-service' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'metrics-service' }.status", equalTo("UP"));
            // The gateway itself stays alive while a service is down.
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            Gateway.control("start/assessment");
        }
    }

    @Test
    void prometheusMetricsAreExposedWithOneUriPerServicePrefix() {
        given().get("/api/v1/items/123").then().statusCode(401);
        given().get("/api/v1/items/456").then().statusCode(401);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("uri=\"/api/v1/items/*\""))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/api/v1/items/123")));
    }
}
