package io.flowlens.assessment.paging;

import static io.flowlens.assessment.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Assessment's own keyset paging: pages follow on, a forged cursor (even a well-formed one) is a 400 naming it. */
@QuarkusTest
class PagingTest {

    private static String cursor(String at) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pagesFollowOnUntilTheLastOne() {
        String tenant = Api.newTenant();
        for (int i = 0; i < 3; i++) {
            Api.createOrganisation(tenant, "retail", "1-49", "europe");
        }
        String next = as(tenant, "reader").queryParam("limit", 2).get("/api/v1/organisations").then().statusCode(200)
                .body("items", hasSize(2)).extract().path("nextCursor");
        as(tenant, "reader").queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/organisations").then()
                .statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
    }

    @Test
    void aCursorWithAnInstantNoRowCanHaveIsRefused() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        for (String at : new String[] {"-290000-01-01T00:00:00Z", "+290000-01-01T00:00:00Z"}) {
            for (String list : new String[] {"/api/v1/organisations", "/api/v1/organisations/" + org + "/assessments"}) {
                as(tenant, "reader").queryParam("cursor", cursor(at)).get(list).then().statusCode(400)
                        .contentType("application/problem+json").body("errors[0].pointer", equalTo("cursor"));
            }
        }
        as(tenant, "reader").queryParam("limit", 0).get("/api/v1/organisations").then().statusCode(400)
                .body("errors[0].pointer", equalTo("limit"));
        as(tenant, "reader").queryParam("limit", 501).get("/api/v1/organisations").then().statusCode(400)
                .body("errors[0].pointer", equalTo("limit"));
    }
}
