package io.flowlens.metrics.result;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.result.Results.add;
import static io.flowlens.metrics.result.Results.category;
import static io.flowlens.metrics.result.Results.stream;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Result categories: built-ins listed and read-only, a tenant's own created, replaced and deleted. */
@QuarkusTest
class ResultCategoriesTest {

    private static final String CATEGORIES = "/api/v1/result-categories";

    @Inject
    DataSource dataSource;

    static Map<String, Object> body(String name, String label, String unit, Boolean higherIsBetter) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("label", label);
        b.put("unit", unit);
        b.put("higherIsBetter", higherIsBetter);
        return b;
    }

    @Test
    void theBuiltInsAreListedForEveryTenantBesideItsOwnByName() {
        String tenant = newTenant();
        as(tenant, Roles.READER).get(CATEGORIES).then().statusCode(200)
                .body("items.name", equalTo(List.of("cost", "customer-centricity", "happiness", "quality", "value")))
                .body("items.find { it.name == 'cost' }.higherIsBetter", equalTo(false))
                .body("items.find { it.name == 'cost' }.builtIn", equalTo(true))
                .body("items.find { it.name == 'customer-centricity' }.writable", equalTo(false))
                .body("items.find { it.name == 'value' }.writable", equalTo(true))
                .body("nextCursor", nullValue());
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(body("net-promoter-score", "Net Promoter Score", "points", true)).post(CATEGORIES)
                .then().statusCode(201).header("Location", endsWith("/api/v1/result-categories/net-promoter-score"))
                .body("name", equalTo("net-promoter-score")).body("unit", equalTo("points"))
                .body("builtIn", equalTo(false)).body("writable", equalTo(true)).body("createdAt", notNullValue());
        category(tenant, "churn", false);
        String cursor = as(tenant, Roles.READER).get(CATEGORIES + "?limit=3").then().statusCode(200)
                .body("items.name", equalTo(List.of("churn", "cost", "customer-centricity")))
                .extract().path("nextCursor");
        as(tenant, Roles.READER).queryParam("limit", 3).queryParam("cursor", cursor).get(CATEGORIES).then()
                .statusCode(200).body("items.name", equalTo(List.of("happiness", "net-promoter-score", "quality")))
                .body("nextCursor", notNullValue());
        as(tenant, Roles.READER).get(CATEGORIES + "/churn").then().statusCode(200).body("higherIsBetter", equalTo(false));
        as(tenant, Roles.READER).get(CATEGORIES + "/happiness").then().statusCode(200).body("builtIn", equalTo(true));
        as(tenant, Roles.READER).get(CATEGORIES + "/nothing").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aNameMustBeAFreeLowercaseSlug() {
        String tenant = newTenant();
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body("Net Promoter", " ", "x\ny", null))
                .post(CATEGORIES).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", equalTo(List.of("/name", "/label", "/unit", "/higherIsBetter")));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body("quality", "Quality", null, true))
                .post(CATEGORIES).then().statusCode(409).body("detail", containsString("built-in"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body("customer-centricity", "Mine", null, true))
                .post(CATEGORIES).then().statusCode(409);
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body("customer-centricity-research", "Mine", null, true))
                .post(CATEGORIES).then().statusCode(422).body("errors[0].pointer", equalTo("/name"))
                .body("detail", containsString("assessments"));
        category(tenant, "nps", true);
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body("nps", "Again", null, false))
                .post(CATEGORIES).then().statusCode(409).body("detail", containsString("already"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body("{\"name\":\"x\",\"label\":\"X\",\"higherIsBetter\":\"yes\"}")
                .post(CATEGORIES).then().statusCode(400).body("errors[0].pointer", equalTo("/higherIsBetter"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body("{\"name\":\"x\",\"label\":\"X\",\"higherIsBetter\":true,\"color\":1}")
                .post(CATEGORIES).then().statusCode(400).body("errors[0].pointer", equalTo("/color"));
        as(tenant, Roles.READER).get(CATEGORIES).then().body("items.name", equalTo(
                List.of("cost", "customer-centricity", "happiness", "nps", "quality", "value")));
    }

    @Test
    void aTenantCategoryIsReplacedButABuiltInIsReadOnly() {
        String tenant = newTenant();
        category(tenant, "nps", true);
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("label", "NPS (survey)", "unit", "points", "higherIsBetter", false))
                .put(CATEGORIES + "/nps").then().statusCode(200)
                .body("name", equalTo("nps")).body("label", equalTo("NPS (survey)")).body("higherIsBetter", equalTo(false));
        as(tenant, Roles.READER).get(CATEGORIES + "/nps").then().body("unit", equalTo("points"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(Map.of("label", "", "higherIsBetter", true))
                .put(CATEGORIES + "/nps").then().statusCode(400).body("errors[0].pointer", equalTo("/label"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(Map.of("label", "V", "higherIsBetter", true))
                .put(CATEGORIES + "/value").then().statusCode(409);
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(Map.of("label", "V", "higherIsBetter", true))
                .put(CATEGORIES + "/missing").then().statusCode(404);
        as(tenant, Roles.MEMBER).delete(CATEGORIES + "/cost").then().statusCode(409);
        as(tenant, Roles.MEMBER).delete(CATEGORIES + "/missing").then().statusCode(404);
    }

    @Test
    void aCategoryInUseIsDeletedOnlyWithItsPointsWhenConfirmed() throws SQLException {
        String tenant = newTenant();
        category(tenant, "nps", true);
        String a = stream(tenant);
        String b = stream(tenant);
        add(tenant, a, "nps", "2026-01-31", 40);
        add(tenant, b, "nps", "2026-01-31", 41);
        add(tenant, b, "value", "2026-01-31", 1000);
        as(tenant, Roles.MEMBER).delete(CATEGORIES + "/nps").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("2 point(s) in 2 value stream(s)"))
                .body("detail", containsString("confirm=true"));
        as(tenant, Roles.READER).get(CATEGORIES + "/nps").then().statusCode(200);
        assertEquals(3, Results.points(dataSource, tenant));
        as(tenant, Roles.MEMBER).delete(CATEGORIES + "/nps?confirm=maybe").then().statusCode(400)
                .body("errors[0].pointer", equalTo("confirm"));
        as(tenant, Roles.MEMBER).delete(CATEGORIES + "/nps?confirm=true").then().statusCode(204);
        as(tenant, Roles.READER).get(CATEGORIES + "/nps").then().statusCode(404);
        assertEquals(1, Results.points(dataSource, tenant));
        as(tenant, Roles.READER).get(CATEGORIES).then().body("items.name", not(hasItem("nps")));
        // An unused category goes without confirmation.
        category(tenant, "churn", false);
        as(tenant, Roles.MEMBER).delete(CATEGORIES + "/churn").then().statusCode(204);
    }
}
