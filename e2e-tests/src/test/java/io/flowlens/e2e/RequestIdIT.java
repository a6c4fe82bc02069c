package io.flowlens.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request id travels end to end: kept from the caller, answered back, logged by the gateway and the service. */
class RequestIdIT {

    @BeforeAll
    static void start() {
        Suite.ensureStarted();
    }

    @Test
    void theCallersRequestIdIsAnsweredAndLoggedByTheServiceThatHandledIt() {
        Gateway.Tenant tenant = Gateway.newTenant("reader");
        String id = "e2e-" + UUID.randomUUID();
        tenant.as("reader").header("X-Request-Id", id).get("/api/v1/organisations/" + UUID.randomUUID())
                .then().statusCode(404).header("X-Request-Id", equalTo(id));
        for (String service : new String[] {"gateway", "assessment-service"}) {
            Path log = Path.of(System.getProperty("flowlens.e2e.logs", "target/e2e-logs"), service + ".log");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(Files.readString(log).contains(id),
                    service + " logged request " + id));
        }
    }

    @Test
    void aRequestWithoutAnIdGetsOne() {
        Gateway.anonymous().get("/api/v1/value-streams").then().statusCode(401)
                .header("X-Request-Id", notNullValue());
    }
}
