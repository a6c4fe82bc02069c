package io.flowlens.gateway.tenant;

import static io.flowlens.gateway.support.Gateway.PLATFORM_KEY;
import static io.flowlens.gateway.support.Gateway.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Tenants: only the platform key creates them; an admin sees only its own; bad input stores nothing. */
@QuarkusTest
class TenantApiTest {

    @Test
    void platformKeyCreatesATenantWithAFirstAdminKeyShownOnce() {
        given().header("X-API-Key", PLATFORM_KEY).contentType(ContentType.JSON)
                .body("{\"name\":\"Acme\",\"rateLimit\":{\"capacity\":10,\"refillPerSecond\":2.5}}")
                .post("/api/v1/tenants")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/tenants/[0-9a-f-]{36}"))
                .body("tenant.name", equalTo("Acme"))
                .body("tenant.rateLimit.capacity", equalTo(10))
                .body("adminKey.role", equalTo("admin"))
                .body("adminKey.key", matchesPattern("flk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"));
    }

    @Test
    void onlyThePlatformCreatesTenants() {
        Gateway.TestTenant tenant = Gateway.newTenant("Not a platform");
        as(tenant.adminKey()).contentType(ContentType.JSON).body("{\"name\":\"Sneaky\"}")
                .post("/api/v1/tenants")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\":\"Anonymous\"}")
                .post("/api/v1/tenants")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/unauthorized"));
    }

    @Test
    void invalidTenantIsRefusedNamingTheFieldAndStoresNothing() {
        long before = count();
        as(PLATFORM_KEY).contentType(ContentType.JSON).body("{\"name\":\"\"}")
                .post("/api/v1/tenants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/name"));
        as(PLATFORM_KEY).contentType(ContentType.JSON).body("{\"name\":\"X\",\"plan\":\"gold\"}")
                .post("/api/v1/tenants")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/plan"));
        as(PLATFORM_KEY).contentType(ContentType.JSON).body("{\"name\":\"X\",\"rateLimit\":{\"capacity\":0,\"refillPerSecond\":1}}")
                .post("/api/v1/tenants")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/rateLimit/capacity"));
        as(PLATFORM_KEY).contentType(ContentType.JSON).body("{\"name\":")
                .post("/api/v1/tenants")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, count());
    }

    @Test
    void anAdminSeesItsOwnTenantAndAnotherTenantIsNotFound() {
        Gateway.TestTenant a = Gateway.newTenant("A");
        Gateway.TestTenant b = Gateway.newTenant("B");
        as(a.adminKey()).get("/api/v1/tenants/" + a.id())
                .then().statusCode(200).body("id", equalTo(a.id())).body("createdAt", notNullValue());
        as(a.adminKey()).get("/api/v1/tenants/" + b.id())
                .then().statusCode(404).contentType("application/problem+json");
        as(PLATFORM_KEY).get("/api/v1/tenants/" + b.id()).then().statusCode(200).body("name", equalTo("B"));
        String reader = Gateway.newKey(a, "reader").getString("key");
        as(reader).get("/api/v1/tenants/" + a.id()).then().statusCode(403);
    }

    long count() {
        return Tenant.count();
    }
}
