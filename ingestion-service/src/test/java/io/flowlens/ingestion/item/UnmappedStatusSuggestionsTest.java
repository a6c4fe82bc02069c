package io.flowlens.ingestion.item;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.support.Jira;
import io.flowlens.ingestion.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Data quality lists each status no mapping covers with how much uses it and a suggested flow
 * state: the category the tenant's other connections of the same tracker saw it with, else the
 * words of its name. A status override, or the status seen with a category, takes it off the
 * list; another tenant's connections neither suggest nor see anything.
 */
@QuarkusTest
class UnmappedStatusSuggestionsTest {

    static ValidatableResponse dataQuality(String tenant, String conn) {
        return as(tenant, "reader").get("/api/v1/connections/" + conn + "/data-quality").then().statusCode(200);
    }

    static JsonPath until(String tenant, String conn, java.util.function.Predicate<JsonPath> done, String what)
            throws InterruptedException {
        return Jira.until(() -> dataQuality(tenant, conn).extract().jsonPath(), done, what);
    }

    @Test
    void unmappedStatusesAppearWithASuggestionUntilMapped() throws Exception {
        String tenant = Api.newTenant();
        String main = Jira.connection(tenant, "Jira Main");
        Jira.importSearch(tenant, main, "search-history-only-statuses.json");

        // Neither status was ever seen with a category here or elsewhere: the name decides, or nothing does.
        dataQuality(tenant, main).body("unmappedStatuses", equalTo(2))
                .body("unmapped.status", contains("Awaiting Sign-off", "Peer Check"))
                .body("unmapped.items", contains(1, 1)).body("unmapped.transitions", contains(1, 1))
                .body("unmapped[0].suggestion.state", equalTo("waiting"))
                .body("unmapped[0].suggestion.rule", equalTo("words-in-name"))
                .body("unmapped[0].suggestion.reason", equalTo("the name contains 'await', usually waiting"))
                .body("unmapped[1].suggestion", nullValue());

        // Another tenant's Jira seeing Peer Check with a category suggests nothing to this one, and sees nothing of it.
        String other = Api.newTenant();
        String theirs = Jira.connection(other, "Their Jira");
        Jira.webhook(theirs, fixture("jira/issue-updated-peer-check.json"), "o-1").statusCode(200);
        dataQuality(tenant, main).body("unmapped[1].status", equalTo("Peer Check"))
                .body("unmapped[1].suggestion", nullValue());
        as(other, "reader").get("/api/v1/connections/" + main + "/data-quality").then().statusCode(404)
                .contentType("application/problem+json");
        dataQuality(other, theirs).body("unmappedStatuses", equalTo(0)).body("unmapped", empty());

        // The tenant's own other Jira connection saw it as "in progress": that is the suggestion.
        String support = Jira.connection(tenant, "Jira Support");
        Jira.webhook(support, fixture("jira/issue-updated-peer-check.json"), "s-1")
                .statusCode(200);
        dataQuality(tenant, main).body("unmapped.status", contains("Awaiting Sign-off", "Peer Check"))
                .body("unmapped[1].suggestion.state", equalTo("active"))
                .body("unmapped[1].suggestion.rule", equalTo("category-in-other-connection"))
                .body("unmapped[1].suggestion.reason", equalTo("seen with status category 'indeterminate' in"
                        + " connection 'Jira Support', which maps to active"));

        // An override maps it: off the list at once, and counted no more once the items are derived again.
        as(tenant, "member").contentType(ContentType.JSON).body("{\"statuses\":{\"Awaiting Sign-off\":\"waiting\"}}")
                .put("/api/v1/connections/" + main + "/mapping").then().statusCode(202);
        dataQuality(tenant, main).body("unmapped.status", contains("Peer Check"));
        until(tenant, main, dq -> dq.getInt("unmappedStatuses") == 1, "override applied");

        // Seen with a category on this connection's own item: mapped, nothing left to fix.
        Jira.webhook(main, fixture("jira/issue-updated-peer-check.json"), "m-1").statusCode(200);
        JsonPath dq = until(tenant, main, d -> d.getInt("unmappedStatuses") == 0, "Peer Check mapped");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), dq.getList("unmapped"));
    }
}
