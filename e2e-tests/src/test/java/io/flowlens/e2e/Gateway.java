package io.flowlens.e2e;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls through the gateway the way a front end or partner does: with an API key. */
public final class Gateway {

    /** A tenant and one key per role, created through the platform admin key. */
    public record Tenant(String id, Map<String, String> keys) {

        public String key(String role) {
            return keys.get(role);
        }

        public RequestSpecification as(String role) {
            return given().baseUri(Suite.Service.GATEWAY.url()).header("Authorization", "Bearer " + key(role));
        }
    }

    private Gateway() {
    }

    public static RequestSpecification anonymous() {
        return given().baseUri(Suite.Service.GATEWAY.url());
    }

    public static RequestSpecification platform() {
        return anonymous().header("Authorization", "Bearer " + Suite.ADMIN_KEY);
    }

    public static Tenant newTenant(String... roles) {
        String id = platform().contentType(ContentType.JSON)
                .body(Map.of("name", "e2e " + UUID.randomUUID()))
                .post("/api/v1/tenants")
                .then().statusCode(201).extract().path("tenant.id");
        Map<String, String> keys = new java.util.HashMap<>();
        for (String role : roles) {
            String key = platform().contentType(ContentType.JSON)
                    .body(Map.of("name", role + " key", "role", role))
                    .post("/api/v1/tenants/" + id + "/api-keys")
                    .then().statusCode(201).extract().path("key");
            keys.put(role, key);
        }
        return new Tenant(id, keys);
    }
}
