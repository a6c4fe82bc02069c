package io.flowlens.assessment.organisation;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Creating and reading organisations: documented lists, roles, and tenants as walls. */
@QuarkusTest
class OrganisationResourceTest {

    @Test
    void aPartnerCreatesAndReadsItsOrganisation() {
        String tenant = Api.newTenant();
        String id = partner(tenant).body(Map.of("name", "Acme Retail", "industry", "retail", "sizeBand", "5000+",
                "region", "europe", "externalRef", "CRM-1")).post("/api/v1/organisations")
                .then().statusCode(201).header("Location", containsString("/api/v1/organisations/"))
                .body("sizeBand", equalTo("5000+")).extract().path("id");
        as(tenant, "reader").get("/api/v1/organisations/" + id).then().statusCode(200)
                .body("name", equalTo("Acme Retail")).body("industry", equalTo("retail")).body("region", equalTo("europe"))
                .body("externalRef", equalTo("CRM-1"));
    }

    @Test
    void valuesOffTheDocumentedListsAreNamed() {
        partner(Api.newTenant()).body(Map.of("name", "X", "industry", "mining", "sizeBand", "10-20", "region", "mars"))
                .post("/api/v1/organisations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", equalTo(List.of("/industry", "/sizeBand", "/region")))
                .body("errors[0].detail", containsString("'mining' is not one of"));
        partner(Api.newTenant()).body(Map.of("industry", "retail", "sizeBand", "1-49", "region", "europe"))
                .post("/api/v1/organisations").then().statusCode(400).body("errors[0].pointer", equalTo("/name"));
        partner(Api.newTenant()).body(Map.of("name", "X", "industry", "retail", "sizeBand", "1-49", "region", "europe",
                "colour", "red")).post("/api/v1/organisations").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/colour"));
    }

    @Test
    void anotherTenantsOrganisationDoesNotExistForUs() {
        String mine = Api.createOrganisation(Api.newTenant(), "software", "1-49", "europe");
        as(Api.newTenant(), "admin").get("/api/v1/organisations/" + mine).then().statusCode(404)
                .contentType("application/problem+json");
        as(Api.newTenant(), "reader").get("/api/v1/organisations/" + mine + "/assessments").then().statusCode(404);
    }

    @Test
    void rolesDecideWhoCreates() {
        Map<String, String> body = Map.of("name", "X", "industry", "retail", "sizeBand", "1-49", "region", "europe");
        as(Api.newTenant(), "reader").body(body).post("/api/v1/organisations").then().statusCode(403);
        as(Api.newTenant(), "member").body(body).post("/api/v1/organisations").then().statusCode(403);
        as(Api.newTenant(), "admin").body(body).post("/api/v1/organisations").then().statusCode(201);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/organisations").then().statusCode(401);
    }

    @Test
    void theListIsTheTenantsOwnNewestFirstInPages() {
        String tenant = Api.newTenant();
        String first = Api.createOrganisation(tenant, "software", "1-49", "europe");
        String second = Api.createOrganisation(tenant, "retail", "50-249", "africa");
        String third = Api.createOrganisation(tenant, "media", "250-999", "asia-pacific");
        Api.createOrganisation(Api.newTenant(), "media", "250-999", "asia-pacific");
        String cursor = as(tenant, "reader").queryParam("limit", 2).get("/api/v1/organisations").then().statusCode(200)
                .body("items.id", equalTo(List.of(third, second))).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as(tenant, "reader").queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/organisations").then()
                .statusCode(200).body("items.id", equalTo(List.of(first))).body("nextCursor", nullValue());
        as(tenant, "reader").queryParam("limit", 501).get("/api/v1/organisations").then().statusCode(400)
                .body("errors[0].pointer", equalTo("limit"));
        as(tenant, "reader").queryParam("cursor", "garbage").get("/api/v1/organisations").then().statusCode(400)
                .body("errors[0].pointer", equalTo("cursor"));
    }

    @Test
    void theVocabularyIsPublished() {
        as(Api.newTenant(), "reader").get("/api/v1/organisations/vocabulary").then().statusCode(200)
                .body("sizeBands", equalTo(List.of("1-49", "50-249", "250-999", "1000-4999", "5000+")))
                .body("regions", hasSize(6));
    }
}
