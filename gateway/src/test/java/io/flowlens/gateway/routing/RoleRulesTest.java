package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every role's allowed and refused calls at the gateway: readers only read, members write to
 * ingestion and metrics, partners write to assessment, admins everything in their tenant.
 * A refused call is 403 problem+json and never reaches the service.
 */
@QuarkusTest
class RoleRulesTest {

    static final Map<String, String> WRITES = Map.of(
            "POST /api/v1/connections", "member",
            "PUT /api/v1/connections/c1/mapping", "member",
            "POST /api/v1/value-streams", "member",
            "DELETE /api/v1/value-streams/v1", "member",
            "POST /api/v1/organisations", "partner",
            "POST /api/v1/assessments", "partner",
            "PATCH /api/v1/organisations/o1", "partner");
    static final String[] READS = {"/api/v1/connections", "/api/v1/items/1", "/api/v1/value-streams/v1/metrics",
        "/api/v1/organisations/o1", "/api/v1/assessments/a1"};

    static TestTenant tenant;
    static Map<String, String> keys;

    @BeforeEach
    void keys() {
        if (keys != null) {
            return;
        }
        tenant = Gateway.newTenant("Roles");
        keys = Map.of("admin", tenant.adminKey(),
                "member", Gateway.newKey(tenant, "member").getString("key"),
                "partner", Gateway.newKey(tenant, "partner").getString("key"),
                "reader", Gateway.newKey(tenant, "reader").getString("key"));
    }

    @Test
    void everyRoleReadsItsTenant() {
        for (String key : keys.values()) {
            for (String path : READS) {
                as(key).get(path).then().statusCode(200);
                as(key).head(path).then().statusCode(200);
            }
        }
    }

    @Test
    void writesAreAllowedOnlyToTheRolesThatOwnThem() {
        for (var write : WRITES.entrySet()) {
            String[] call = write.getKey().split(" ");
            for (var role : keys.entrySet()) {
                boolean allowed = role.getKey().equals("admin") || role.getKey().equals(write.getValue());
                Gateway.control("reset");
                RequestSpecification request = as(role.getValue()).contentType(ContentType.JSON).body("{}");
                request.request(call[0], call[1]).then()
                        .statusCode(allowed ? 200 : 403)
                        .contentType(allowed ? "application/json" : "application/problem+json");
                String service = call[1].contains("organisations") || call[1].contains("assessments") ? "assessment"
                        : call[1].contains("value-streams") ? "metrics" : "ingestion";
                org.junit.jupiter.api.Assertions.assertEquals(allowed ? "1" : "0", Gateway.control("hits/" + service),
                        role.getKey() + " " + write.getKey());
            }
        }
    }
}
