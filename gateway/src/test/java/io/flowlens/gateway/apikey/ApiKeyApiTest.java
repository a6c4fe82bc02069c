package io.flowlens.gateway.apikey;

import static io.flowlens.gateway.support.Gateway.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.flowlens.gateway.domain.ApiKeyFormat;
import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** API keys: shown once, stored hashed, listed, rotated and revoked with immediate effect, tenant-scoped. */
@QuarkusTest
class ApiKeyApiTest {

    @Test
    void aKeyIsShownOnceAndOnlyItsHashIsStored() {
        TestTenant tenant = Gateway.newTenant("Hashing");
        JsonPath created = Gateway.newKey(tenant, "reader");
        String key = created.getString("key");
        String id = created.getString("id");
        assertTrue(ApiKeyFormat.looksLikeKey(key));
        assertEquals(ApiKeyFormat.prefixOf(key).orElseThrow(), created.getString("prefix"));

        as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id() + "/api-keys/" + id)
                .then().statusCode(200).body("prefix", equalTo(created.getString("prefix")))
                .body("key", nullValue()).body("role", equalTo("reader"));
        ApiKey stored = ApiKey.findById(id);
        assertEquals(ApiKeyFormat.hash(key), stored.keyHash);
        assertFalse(stored.keyHash.contains(key.substring(13)), "the secret part is not stored");
    }

    @Test
    void keysAreListedPageByPageWithoutSecrets() {
        TestTenant tenant = Gateway.newTenant("Paging");
        Gateway.newKey(tenant, "reader");
        Gateway.newKey(tenant, "member");
        JsonPath first = as(tenant.adminKey()).queryParam("limit", 2)
                .get("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].key", nullValue())
                .body("nextCursor", notNullValue()).extract().jsonPath();
        as(tenant.adminKey()).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        as(tenant.adminKey()).queryParam("limit", 0).get("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(400).body("errors[0].pointer", equalTo("limit"));
        as(tenant.adminKey()).queryParam("cursor", "garbage!").get("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(400).body("errors[0].pointer", equalTo("cursor"));
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        TestTenant tenant = Gateway.newTenant("Revoking");
        JsonPath created = Gateway.newKey(tenant, "reader");
        String key = created.getString("key");
        as(key).get("/api/v1/value-streams").then().statusCode(200);
        as(tenant.adminKey()).delete("/api/v1/tenants/" + tenant.id() + "/api-keys/" + created.getString("id"))
                .then().statusCode(204);
        as(key).get("/api/v1/value-streams").then().statusCode(401)
                .contentType("application/problem+json").body("detail", equalTo("the API key has been revoked"));
        as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id() + "/api-keys/" + created.getString("id"))
                .then().statusCode(200).body("revokedAt", notNullValue());
        // Revoking again is harmless; rotating a revoked key is a conflict.
        as(tenant.adminKey()).delete("/api/v1/tenants/" + tenant.id() + "/api-keys/" + created.getString("id"))
                .then().statusCode(204);
        as(tenant.adminKey()).post("/api/v1/tenants/" + tenant.id() + "/api-keys/" + created.getString("id") + "/rotate")
                .then().statusCode(409);
    }

    @Test
    void aKeyRevokedByAnotherReplicaIsRefusedHereWithinMoments() throws Exception {
        TestTenant tenant = Gateway.newTenant("Replicas");
        JsonPath created = Gateway.newKey(tenant, "reader");
        String key = created.getString("key");
        as(key).get("/api/v1/items").then().statusCode(200);
        // What another gateway replica does when it revokes: one transaction, row and notification.
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + System.getenv().getOrDefault("FLOWLENS_TEST_DB", "flowlens_gateway_test"), "flowlens", "flowlens")) {
            db.setAutoCommit(false);
            try (var update = db.prepareStatement("update api_key set revoked_at = now() where id = ?");
                    var notify = db.prepareStatement("select pg_notify('flowlens_api_keys', ?)")) {
                update.setString(1, created.getString("id"));
                update.executeUpdate();
                notify.setString(1, ApiKeyFormat.hash(key));
                notify.execute();
            }
            db.commit();
        }
        // The periodic reload is an hour in tests: only the notification can make this replica refuse it.
        long deadline = System.currentTimeMillis() + 5_000;
        int status = 200;
        while (status == 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            status = as(key).get("/api/v1/items").then().extract().statusCode();
        }
        assertEquals(401, status);
    }

    @Test
    void rotatingGivesANewSecretAndTheOldOneStopsWorkingAtOnce() {
        TestTenant tenant = Gateway.newTenant("Rotating");
        JsonPath created = Gateway.newKey(tenant, "member");
        String old = created.getString("key");
        as(old).get("/api/v1/connections").then().statusCode(200);
        String fresh = as(tenant.adminKey())
                .post("/api/v1/tenants/" + tenant.id() + "/api-keys/" + created.getString("id") + "/rotate")
                .then().statusCode(200).body("id", equalTo(created.getString("id"))).body("role", equalTo("member"))
                .extract().path("key");
        assertNotNull(fresh);
        as(old).get("/api/v1/connections").then().statusCode(401);
        as(fresh).get("/api/v1/connections").then().statusCode(200);
    }

    @Test
    void anExpiredKeyIsRefused() throws InterruptedException {
        TestTenant tenant = Gateway.newTenant("Expiring");
        Instant expiry = Instant.now().plusSeconds(2);
        String key = as(tenant.adminKey()).contentType(ContentType.JSON)
                .body("{\"name\":\"short\",\"role\":\"reader\",\"expiresAt\":\"" + expiry + "\"}")
                .post("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(201).extract().path("key");
        as(key).get("/api/v1/items").then().statusCode(200);
        while (Instant.now().isBefore(expiry.plusMillis(50))) {
            Thread.sleep(100);
        }
        as(key).get("/api/v1/items").then().statusCode(401)
                .body("detail", org.hamcrest.Matchers.startsWith("the API key expired at"));
        // An expiry in the past is refused at creation and stores nothing.
        as(tenant.adminKey()).contentType(ContentType.JSON)
                .body("{\"name\":\"past\",\"role\":\"reader\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/expiresAt"));
        assertEquals(0, ApiKey.count("tenantId = ?1 and name = 'past'", tenant.id()));
    }

    @Test
    void badKeyRequestsNameTheField() {
        TestTenant tenant = Gateway.newTenant("Validation");
        as(tenant.adminKey()).contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"owner\"}")
                .post("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/role"));
        as(tenant.adminKey()).contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"platform\"}")
                .post("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/role"));
        as(tenant.adminKey()).contentType(ContentType.JSON).body("{\"role\":\"reader\"}")
                .post("/api/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/name"));
    }

    @Test
    void anotherTenantsKeysAreNotFoundAndStayUntouched() {
        TestTenant a = Gateway.newTenant("Tenant A");
        TestTenant b = Gateway.newTenant("Tenant B");
        JsonPath aKey = Gateway.newKey(a, "reader");
        String path = "/api/v1/tenants/" + a.id() + "/api-keys";
        as(b.adminKey()).get(path).then().statusCode(404);
        as(b.adminKey()).get(path + "/" + aKey.getString("id")).then().statusCode(404);
        as(b.adminKey()).delete(path + "/" + aKey.getString("id")).then().statusCode(404);
        as(b.adminKey()).post(path + "/" + aKey.getString("id") + "/rotate").then().statusCode(404);
        as(b.adminKey()).contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"admin\"}").post(path)
                .then().statusCode(404);
        // B's own id with A's key id is also a 404: the key is looked up within the tenant.
        as(b.adminKey()).get("/api/v1/tenants/" + b.id() + "/api-keys/" + aKey.getString("id")).then().statusCode(404);
        as(aKey.getString("key")).get("/api/v1/items").then().statusCode(200);
        as(a.adminKey()).get(path + "/" + aKey.getString("id")).then().statusCode(200).body("revokedAt", nullValue());
    }

    @Test
    void onlyAdminsManageKeys() {
        TestTenant tenant = Gateway.newTenant("Roles");
        for (String role : new String[] {"reader", "member", "partner"}) {
            String key = Gateway.newKey(tenant, role).getString("key");
            as(key).get("/api/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(403)
                    .contentType("application/problem+json");
            as(key).contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"admin\"}")
                    .post("/api/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(403);
        }
        as(Gateway.PLATFORM_KEY).get("/api/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(200);
    }
}
