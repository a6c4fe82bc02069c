package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A service names its own (internal) address in Location and Content-Location: the caller gets
 * the gateway's public base instead, so following the link goes through the gateway. Relative
 * links and other sites' are left alone.
 */
@QuarkusTest
class LocationRewriteTest {

    static TestTenant tenant;
    static String member;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Gateway.newTenant("Locations");
            member = Gateway.newKey(tenant, "member").getString("key");
        }
    }

    static String publicBase() {
        return ConfigProvider.getConfig().getValue("flowlens.gateway.openapi.server-url", String.class);
    }

    @Test
    void aServicesOwnAddressBecomesTheGatewaysPublicBase() {
        as(member).queryParam("location", "/api/v1/jobs/42").post("/api/v1/connections/c1/imports")
                .then().statusCode(201)
                .header("Location", equalTo(publicBase() + "/api/v1/jobs/42"))
                .header("Content-Location", equalTo(publicBase() + "/api/v1/jobs/42"));
        as(member).queryParam("location", "/api/v1/value-streams/7?window=30").post("/api/v1/value-streams")
                .then().statusCode(201)
                .header("Location", equalTo(publicBase() + "/api/v1/value-streams/7?window=30"));
    }

    @Test
    void relativeAndForeignLocationsAreLeftAlone() {
        as(member).queryParam("location", "https://elsewhere.example/api/v1/jobs/42").post("/api/v1/connections")
                .then().statusCode(201).header("Location", equalTo("https://elsewhere.example/api/v1/jobs/42"));
        as(member).queryParam("location", "jobs/42").post("/api/v1/connections")
                .then().statusCode(201).header("Location", equalTo("jobs/42"));
    }

    @Test
    void originsOfAServiceWithAndWithoutItsDefaultPort() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"http://ingestion:80", "http://ingestion"},
                Upstreams.origins("ingestion", 80, false));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"https://m.internal:8443"},
                Upstreams.origins("m.internal", 8443, true));
    }
}
