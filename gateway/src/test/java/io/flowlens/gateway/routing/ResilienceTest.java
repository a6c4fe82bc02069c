package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A service down answers 503 problem+json naming it while the others answer; the breaker stops
 * calling it; reads that time out are retried once, writes never (504).
 * (Test config: breaker opens after 3 failures for 2 s; the jobs route times out after 1 s.)
 */
@QuarkusTest
class ResilienceTest {

    static String member;

    @BeforeEach
    void key() {
        if (member != null) {
            return;
        }
        TestTenant tenant = Gateway.newTenant("Resilience");
        member = Gateway.newKey(tenant, "member").getString("key");
    }

    @AfterEach
    void restore() {
        Gateway.control("start/metrics");
        Gateway.control("reset");
    }

    @Test
    void aStoppedServiceGives503NamingItWhileTheOthersAnswer() throws InterruptedException {
        Gateway.control("stop/metrics");
        as(member).get("/api/v1/value-streams")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/service-unavailable"))
                .body("detail", containsString("metrics-service"));
        as(member).get("/api/v1/connections").then().statusCode(200);
        as(member).get("/api/v1/organisations/o1").then().statusCode(200);

        // Enough failures open the circuit: answered at once with Retry-After, the service not even tried.
        for (int i = 0; i < 3; i++) {
            as(member).get("/api/v1/value-streams").then().statusCode(503);
        }
        Gateway.control("start/metrics");
        Gateway.control("reset");
        as(member).get("/api/v1/value-streams").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("circuit open"));
        assertEquals("0", Gateway.control("hits/metrics"), "an open circuit does not call the service");

        // After the open period a trial call goes through and closes the circuit again.
        long deadline = System.currentTimeMillis() + 10_000;
        int status = 503;
        while (status != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            status = as(member).get("/api/v1/value-streams").then().extract().statusCode();
        }
        assertEquals(200, status);
        as(member).get("/api/v1/value-streams").then().statusCode(200);
    }

    @Test
    void aReadThatTimesOutIsRetriedOnce() {
        Gateway.control("reset");
        Gateway.control("slow/ingestion?times=1");
        as(member).get("/api/v1/jobs/1").then().statusCode(200).header("X-Stand-In", "ingestion");
        assertEquals("2", Gateway.control("hits/ingestion"));
    }

    @Test
    void aWriteThatTimesOutIsNeverRetried() {
        Gateway.control("reset");
        Gateway.control("slow/ingestion?times=1");
        as(member).contentType(ContentType.JSON).body("{\"kind\":\"x\"}").post("/api/v1/jobs")
                .then().statusCode(504).contentType("application/problem+json")
                .body("detail", containsString("ingestion-service did not answer within 1000 ms"));
        assertEquals("1", Gateway.control("hits/ingestion"));
    }
}
