package io.flowlens.ingestion.tenant;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Erasing a tenant removes every row of it in ingestion, answers what it removed, and nothing of another tenant. */
@QuarkusTest
class TenantErasureTest {

    static final String SECRET = "gh-erase-secret";

    @Inject
    AgroalDataSource ds;

    static RequestSpecification service() {
        return Api.service();
    }

    /** A tenant with a GitHub connection fed by a webhook and a generic one fed by an import. */
    static String[] populate(String tenant) throws Exception {
        String gh = Api.connection(tenant, "github", SECRET);
        byte[] body = fixture("github/issues-opened.json");
        tracker().header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", "erase-" + tenant)
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + gh).then().statusCode(200);
        String generic = Api.connection(tenant, "generic", "generic-secret");
        String job = as(tenant, "member").contentType("application/x-ndjson").body(fixture("generic/history.ndjson"))
                .post("/api/v1/connections/" + generic + "/imports").then().statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plusSeconds(30);
        while (!"succeeded".equals(as(tenant, "reader").get("/api/v1/jobs/" + job).then().extract().path("status"))) {
            assertTrue(Instant.now().isBefore(deadline), "import finished");
            Thread.sleep(50);
        }
        return new String[] {gh, generic};
    }

    static long rowsOf(AgroalDataSource ds, String tenant) {
        return Db.count(ds, "select (select count(*) from connection where tenant_id = ?)"
                + " + (select count(*) from raw_event where tenant_id = ?) + (select count(*) from import_file where tenant_id = ?)"
                + " + (select count(*) from item where tenant_id = ?) + (select count(*) from transition where tenant_id = ?)"
                + " + (select count(*) from job where tenant_id = ?) + (select count(*) from outbox where tenant_id = ?)",
                tenant, tenant, tenant, tenant, tenant, tenant, tenant);
    }

    @Test
    void erasingATenantRemovesAllItsRowsOnceAndNoOtherTenantsRows() throws Exception {
        String tenant = Api.newTenant();
        String other = Api.newTenant();
        populate(tenant);
        String[] kept = populate(other);
        long otherRows = rowsOf(ds, other);

        JsonPath report = service().delete("/internal/v1/tenants/" + tenant).then().statusCode(200)
                .body("tenantId", equalTo(tenant)).extract().jsonPath();
        assertEquals(2, report.getInt("erased.connections"));
        assertEquals(1, report.getInt("erased.rawEvents"));
        assertEquals(1, report.getInt("erased.importFiles"));
        assertEquals(4, report.getInt("erased.items")); // the GitHub issue, SHOP-1, SHOP-2 and the deleted SHOP-9
        assertTrue(report.getInt("erased.transitions") > 0);
        assertEquals(1, report.getInt("erased.jobs"));
        assertTrue(report.getMap("erased").containsKey("outboxEvents"));
        assertEquals(0, rowsOf(ds, tenant), "nothing of the tenant is left");
        assertEquals(otherRows, rowsOf(ds, other), "the other tenant is untouched");
        as(other, "reader").get("/api/v1/connections/" + kept[0]).then().statusCode(200);

        // Idempotent: a second call erases nothing and says so.
        service().delete("/internal/v1/tenants/" + tenant).then().statusCode(200)
                .body("erased.connections", equalTo(0)).body("erased.rawEvents", equalTo(0))
                .body("erased.importFiles", equalTo(0)).body("erased.items", equalTo(0))
                .body("erased.transitions", equalTo(0)).body("erased.jobs", equalTo(0))
                .body("erased.outboxEvents", equalTo(0));
    }

    @Test
    void onlyServicesEraseTenants() {
        String tenant = Api.newTenant();
        Api.connection(tenant, "github", SECRET);
        as(tenant, "admin").delete("/internal/v1/tenants/" + tenant).then().statusCode(403);
        given().delete("/internal/v1/tenants/" + tenant).then().statusCode(401);
        assertEquals(1, Db.count(ds, "select count(*) from connection where tenant_id = ?", tenant));
    }
}
