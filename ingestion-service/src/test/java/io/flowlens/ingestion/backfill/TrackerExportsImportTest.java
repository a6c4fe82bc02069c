package io.flowlens.ingestion.backfill;

import static io.flowlens.ingestion.backfill.ImportTest.importAndWait;
import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Tracker exports through the import endpoint into stored timelines: a Jira export's histories
 * in any order give one timeline; resolution, sub-task and localized types arrive; what cannot
 * be stored is a synchronous 400 naming the record.
 */
@QuarkusTest
class TrackerExportsImportTest {

    @Inject
    AgroalDataSource ds;

    String importJira(String tenant, String fixture) throws Exception {
        String conn = Api.connection(tenant, "jira", "jira-secret-123");
        JsonPath job = importAndWait(tenant, conn, "application/json", fixture("jira/" + fixture));
        assertEquals("succeeded", job.getString("status"), job.prettify());
        return conn;
    }

    @Test
    void jiraHistoriesNewestFirstShuffledOrAtEqualInstantsGiveOneTimeline() throws Exception {
        String tenant = Api.newTenant();
        for (String fixture : List.of("search-newest-first.json", "search-shuffled.json",
                "search-equal-instants.json")) {
            String conn = importJira(tenant, fixture);
            String item = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then()
                    .body("items", hasSize(1)).extract().path("items[0].id");
            as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then().statusCode(200)
                    .body("transitions[0].trackerStatus", equalTo("To Do"))
                    .body("states.state", contains("new", "active", "waiting", "done"))
                    .body("states.at", contains("2024-03-01T08:00:00Z", "2024-03-02T09:00:00Z",
                            "2024-03-04T11:00:00Z", "2024-03-06T15:00:00Z"));
        }
    }

    @Test
    void jiraResolutionSubTaskAndLocalizedTypesArrive() throws Exception {
        String tenant = Api.newTenant();
        String conn = importJira(tenant, "search-resolution-subtask-localized.json");
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowState=canceled").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo("FLOW-8"))
                .body("items[0].title", equalTo("Legacy CSV export"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowType=defect").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo("FLOW-10"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowState=active").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo("FLOW-9"))
                .body("items[0].parentExternalId", equalTo("10070")).body("items[0].hierarchy", equalTo("subtask"));
    }

    @Test
    void anInstantNoStoreCanHoldIsASynchronous400NamingTheRecord() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", "jira-secret-123");
        String body = new String(fixture("jira/search-newest-first.json"), StandardCharsets.UTF_8)
                .replace("\"2024-03-01T09:00:00.000+0100\"", "\"-290000-01-01T00:00:00.000+0000\"");
        as(tenant, "member").contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/0/issues/0/fields/created"));
        assertEquals(0, Db.items(ds, conn));
    }
}
