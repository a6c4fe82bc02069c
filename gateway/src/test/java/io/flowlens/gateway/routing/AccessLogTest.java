package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every /api call leaves one access line with its request id, answered or refused; the tests
 * write the access log to target/gateway-access.log and flush it every 50 ms.
 */
@QuarkusTest
class AccessLogTest {

    static final Path LOG = Path.of("target/gateway-access.log");

    @Test
    void aForwardedCallIsLoggedWithItsRequestIdServiceStatusAndDuration() {
        String member = Gateway.newKey(Gateway.newTenant("Access log"), "member").getString("key");
        String id = "access-" + System.nanoTime();
        as(member).header("X-Request-Id", id).get("/api/v1/value-streams").then().statusCode(200);
        assertLogged("req:" + Pattern.quote(id) + " GET /api/v1/value-streams -> metrics-service 200 \\d+\\.\\d\\d ms");
    }

    @Test
    void refusedAndUnknownCallsAreLoggedToo() {
        String refused = "refused-" + System.nanoTime();
        given().header("X-Request-Id", refused).get("/api/v1/items").then().statusCode(401);
        String unknown = "unknown-" + System.nanoTime();
        given().header("X-Request-Id", unknown).get("/api/v1/nothing-here").then().statusCode(404);
        assertLogged("req:" + Pattern.quote(refused) + " GET /api/v1/items -> ingestion-service 401 ");
        assertLogged("req:" + Pattern.quote(unknown) + " GET /api/v1/nothing-here -> none 404 ");
    }

    @Test
    void aCallWithoutAnIdIsLoggedUnderTheOneTheGatewayGaveIt() {
        String id = given().get("/api/v1/portfolio").then().statusCode(401).extract().header("X-Request-Id");
        assertLogged("req:" + Pattern.quote(id) + " GET /api/v1/portfolio -> metrics-service 401 ");
    }

    private static void assertLogged(String regex) {
        Pattern line = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z " + regex);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(
                Files.exists(LOG) && line.matcher(Files.readString(LOG)).find(), "access log has a line matching " + line));
    }
}
