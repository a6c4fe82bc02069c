package io.flowlens.ingestion.connection;

import static io.flowlens.ingestion.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Connections: CRUD, secrets never shown nor stored in clear, tenants as walls, callers' mistakes named. */
@QuarkusTest
class ConnectionTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void aConnectionIsRegisteredWithItsWebhookUrlAndNeverShowsItsSecret() {
        String tenant = Api.newTenant();
        String id = as(tenant, "member").contentType(ContentType.JSON)
                .body("{\"kind\":\"azure-devops\",\"name\":\"Boards\",\"secret\":\"very-secret-password\"}")
                .post("/api/v1/connections").then().statusCode(201)
                .header("Location", containsString("/api/v1/connections/"))
                .body("kind", equalTo("azure-devops")).body("secret", nullValue())
                .body("webhookUrl", containsString("/api/v1/webhooks/")).extract().path("id");
        as(tenant, "reader").get("/api/v1/connections/" + id).then().statusCode(200)
                .body("name", equalTo("Boards")).body(not(containsString("very-secret-password")));
        assertEquals(0, Db.count(ds, "select count(*) from connection where secret_hash like '%very-secret%'"
                + " or secret_ciphertext like '%very-secret%'"));
        String hmac = Api.connection(tenant, "github", "github-plain-secret");
        assertEquals(1, Db.count(ds, "select count(*) from connection where id = ?::uuid and secret_ciphertext"
                + " is not null and secret_hash is null", hmac));
    }

    @Test
    void updateRenamesAndRotatesTheSecret() {
        String tenant = Api.newTenant();
        String id = Api.connection(tenant, "gitlab", "first-token-123");
        as(tenant, "member").contentType(ContentType.JSON).body("{\"name\":\"renamed\",\"secret\":\"second-token-456\"}")
                .put("/api/v1/connections/" + id).then().statusCode(200).body("name", equalTo("renamed"));
        Api.tracker().header("X-Gitlab-Token", "first-token-123").contentType("application/json")
                .body(Api.fixture("gitlab/issue-open.json")).post("/api/v1/webhooks/" + id).then().statusCode(401);
        Api.tracker().header("X-Gitlab-Token", "second-token-456").contentType("application/json")
                .body(Api.fixture("gitlab/issue-open.json")).post("/api/v1/webhooks/" + id).then().statusCode(200);
    }

    @Test
    void anotherTenantsConnectionIsNotFound() {
        String owner = Api.newTenant();
        String id = Api.connection(owner, "jira", "jira-secret-123");
        String other = Api.newTenant();
        as(other, "admin").get("/api/v1/connections/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        as(other, "admin").contentType(ContentType.JSON).body("{\"name\":\"mine now\"}")
                .put("/api/v1/connections/" + id).then().statusCode(404);
        as(other, "admin").delete("/api/v1/connections/" + id + "?confirm=true").then().statusCode(404);
        as(other, "admin").get("/api/v1/connections/" + id + "/mapping").then().statusCode(404);
        as(other, "admin").get("/api/v1/connections/" + id + "/data-quality").then().statusCode(404);
        as(other, "reader").get("/api/v1/connections").then().body("items", hasSize(0));
        as(owner, "reader").get("/api/v1/connections/" + id).then().statusCode(200);
    }

    @Test
    void listsArePagedWithCursors() {
        String tenant = Api.newTenant();
        for (int i = 0; i < 5; i++) {
            Api.connection(tenant, "generic", "generic-secret-" + i);
        }
        String cursor = as(tenant, "reader").get("/api/v1/connections?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        String cursor2 = as(tenant, "reader").get("/api/v1/connections?limit=2&cursor=" + cursor).then()
                .body("items", hasSize(2)).extract().path("nextCursor");
        assertNotEquals(cursor, cursor2);
        as(tenant, "reader").get("/api/v1/connections?limit=2&cursor=" + cursor2).then()
                .body("items", hasSize(1)).body("nextCursor", nullValue());
        as(tenant, "reader").get("/api/v1/connections?limit=501").then().statusCode(400)
                .body("errors[0].pointer", equalTo("limit"));
        as(tenant, "reader").get("/api/v1/connections?cursor=garbage!").then().statusCode(400);
    }

    @Test
    void callersMistakesAreNamedAndStoreNothing() {
        String tenant = Api.newTenant();
        as(tenant, "member").contentType(ContentType.JSON).body("{\"kind\":\"trello\",\"name\":\"x\",\"secret\":\"12345678\"}")
                .post("/api/v1/connections").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/kind"));
        as(tenant, "member").contentType(ContentType.JSON).body("{\"kind\":\"github\",\"name\":\"\",\"secret\":\"short\"}")
                .post("/api/v1/connections").then().statusCode(400)
                .body("errors.pointer", hasItem("/name")).body("errors.pointer", hasItem("/secret"));
        as(tenant, "member").contentType(ContentType.JSON).body("{\"kind\":\"github\",\"name\":\"x\",\"secret\":\"12345678\",\"owner\":1}")
                .post("/api/v1/connections").then().statusCode(400).body("errors[0].pointer", equalTo("/owner"));
        as(tenant, "reader").contentType(ContentType.JSON).body("{\"kind\":\"github\",\"name\":\"x\",\"secret\":\"12345678\"}")
                .post("/api/v1/connections").then().statusCode(403);
        given().get("/api/v1/connections").then().statusCode(401).contentType("application/problem+json");
        as(tenant, "reader").get("/api/v1/connections").then().body("items", hasSize(0));
    }
}
