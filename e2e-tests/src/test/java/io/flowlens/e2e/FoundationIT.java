package io.flowlens.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flowlens.e2e.Suite.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The suite as four processes behind one gateway: health, one API document, the door's rules. */
class FoundationIT {

    @BeforeAll
    static void start() {
        Suite.ensureStarted();
    }

    @Test
    void everyServiceIsReadyAndTheGatewayListsThem() {
        // Health is on each service's management interface, never on its API port.
        for (Service service : Service.values()) {
            given().baseUri(service.managementUrl()).get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
        }
        Gateway.anonymous().get("/q/health/ready").then().statusCode(404);
        Gateway.anonymous().get("/q/metrics").then().statusCode(404);
        String readiness = given().baseUri(Service.GATEWAY.managementUrl()).get("/q/health/ready")
                .then().statusCode(200).extract().asString();
        for (String name : new String[] {"ingestion-service", "metrics-service", "assessment-service"}) {
            assertTrue(readiness.contains(name), "gateway readiness names " + name + ": " + readiness);
        }
    }

    @Test
    void theGatewayServesOneOpenApiDocumentWithEveryServicesPaths() throws Exception {
        Response doc = Gateway.anonymous().accept(ContentType.JSON).get("/q/openapi?format=json");
        doc.then().statusCode(200)
                .body("paths", hasKey("/api/v1/connections"))
                .body("paths", hasKey("/api/v1/value-streams"))
                .body("paths", hasKey("/api/v1/organisations"))
                .body("paths", hasKey("/api/v1/tenants"));
        assertTrue(doc.jsonPath().getMap("paths").keySet().stream().noneMatch(p -> p.toString().startsWith("/internal")),
                "internal endpoints stay out of the public document");
        // Saved for the OpenAPI lint and the generated client that deploy/local/test.sh runs next.
        Path dir = Path.of(System.getProperty("flowlens.e2e.openapi", "target/openapi"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("openapi.json"), doc.asString());
        Gateway.anonymous().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void aCallWithoutAKeyIsRefusedWithProblemJson() {
        Gateway.anonymous().get("/api/v1/value-streams")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aServiceCalledAroundTheGatewayRefusesTheCall() {
        for (Service service : new Service[] {Service.INGESTION, Service.METRICS, Service.ASSESSMENT}) {
            String path = switch (service) {
                case INGESTION -> "/api/v1/connections";
                case METRICS -> "/api/v1/value-streams";
                default -> "/api/v1/organisations";
            };
            given().baseUri(service.url()).get(path)
                    .then().statusCode(401).contentType("application/problem+json");
            // A forged identity (signed with another secret) is refused as well.
            String forged = new ForgedIdentity().token();
            given().baseUri(service.url()).header("X-Flowlens-Identity", forged).get(path)
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aMalformedBodyIsA400ProblemAndStoresNothing() {
        Gateway.Tenant tenant = Gateway.newTenant("admin");
        tenant.as("admin").contentType(ContentType.JSON).body("{\"name\": \"Checkout\", \"timeZone\": ")
                .post("/api/v1/value-streams")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        tenant.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "Web shop", "kind", "not-a-tracker", "secret", "s3cr3t-s3cr3t"))
                .post("/api/v1/connections")
                .then().statusCode(400).contentType("application/problem+json");
        tenant.as("admin").get("/api/v1/value-streams").then().statusCode(200).body("items.size()", equalTo(0));
        tenant.as("admin").get("/api/v1/connections").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aStoppedServiceGives503QuicklyWhileTheOthersKeepAnswering() {
        Gateway.Tenant tenant = Gateway.newTenant("admin");
        Suite.stop(Service.ASSESSMENT);
        try {
            long started = System.nanoTime();
            tenant.as("admin").get("/api/v1/organisations")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("assessment"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 3_000, "503 within 3 s, took " + millis + " ms");
            tenant.as("admin").get("/api/v1/value-streams").then().statusCode(200);
            tenant.as("admin").get("/api/v1/connections").then().statusCode(200);
            // The gateway stays in rotation, and says which service is down.
            given().baseUri(Service.GATEWAY.managementUrl()).get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'assessment-service' }.data.service", equalTo("DOWN"));
        } finally {
            Suite.restart(Service.ASSESSMENT);
        }
        tenant.as("admin").get("/api/v1/organisations").then().statusCode(200);
    }
}
