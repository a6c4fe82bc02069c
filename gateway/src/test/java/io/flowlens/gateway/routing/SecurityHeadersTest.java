package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * nosniff on every answer, once; Swagger UI and the dashboard under a content security policy (the
 * dashboard's without inline scripts or styles), never framed, no referrer.
 */
@QuarkusTest
class SecurityHeadersTest {

    static TestTenant tenant;
    static String member;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Gateway.newTenant("Headers");
            member = Gateway.newKey(tenant, "member").getString("key");
        }
    }

    static void nosniffOnce(Response response) {
        assertEquals(java.util.List.of("nosniff"), response.headers().getValues("X-Content-Type-Options"),
                response.statusCode() + " " + response.contentType());
    }

    @Test
    void everyAnswerSaysNosniffOnce() {
        nosniffOnce(as(member).get("/api/v1/items"));                                   // forwarded
        nosniffOnce(as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id()));       // the gateway's own
        nosniffOnce(given().get("/api/v1/items"));                                      // 401 problem
        nosniffOnce(as(member).get("/api/v1/nothing-here"));                            // 404 problem
        nosniffOnce(given().get("/q/openapi"));                                         // merged document
        nosniffOnce(given().get("/q/swagger-ui/index.html"));
        nosniffOnce(given().get("/elsewhere"));
    }

    @Test
    void swaggerUiRunsUnderAContentSecurityPolicy() {
        given().get("/q/swagger-ui/index.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("object-src 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    @Test
    void theDashboardRunsUnderAPolicyWithoutInlineScriptsOrStyles() {
        for (String path : new String[] {"/dashboard/", "/dashboard/app.js", "/dashboard/pages/flow.js"}) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("style-src 'self';"))
                    .header("Content-Security-Policy", containsString("connect-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe")))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        nosniffOnce(given().get("/dashboard/"));
        // Its charting library comes from the WebJar the gateway carries, at the version the page names.
        given().get("/webjars/echarts/5.5.0/echarts.min.js").then().statusCode(200);
        given().get("/dashboard/").then().body(containsString("/webjars/echarts/5.5.0/echarts.min.js"));
    }

    @Test
    void theDashboardWithoutItsSlashIsRedirectedToIt() {
        given().redirects().follow(false).get("/dashboard").then().statusCode(301)
                .header("Location", equalTo("/dashboard/"));
    }
}
