package io.flowlens.ingestion.hygiene;

import static io.flowlens.ingestion.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowlens.ingestion.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every kind of bad input a careless or hostile client sends is a 4xx problem naming what is
 * wrong, in JSON's words, and stores nothing (issue 14, "Bad input"). Tracker deliveries are
 * not bound by the REST layer and are not refused for these reasons.
 */
@QuarkusTest
class BadInputTest {

    private static final String CONNECTIONS = "/api/v1/connections";

    private final String tenant = Api.newTenant();

    private ValidatableResponse post(String json) {
        return as(tenant, "member").contentType(ContentType.JSON).body(json).when().post(CONNECTIONS).then()
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .body(not(containsString("java.")), not(containsString("io.flowlens")),
                        not(containsString("JsonToken")), not(containsString("ConnectionRequest")),
                        not(containsString("TrackerKind")));
    }

    private void nothingStored() {
        as(tenant, "reader").when().get(CONNECTIONS).then().statusCode(200).body("items", hasSize(0));
    }

    private static ValidatableResponse names(ValidatableResponse response, String pointer) {
        return response.statusCode(400).body("errors[0].pointer", equalTo(pointer));
    }

    @Test
    void aNulCharacterInAStoredStringIsRefusedWithItsField() {
        names(post("{\"kind\":\"github\",\"name\":\"a\\u0000b\",\"secret\":\"s3cr3t-webhook\"}"), "/name")
                .body("errors[0].detail", containsString("NUL"));
        names(post("{\"kind\":\"github\",\"name\":\"n\",\"secret\":\"s3cr3t\\u0000webhook\"}"), "/secret");
        nothingStored();
        String connection = Api.connection(tenant, "github", "s3cr3t-webhook");
        as(tenant, "member").contentType(ContentType.JSON).body("{\"types\":{\"Spike\":\"de\\u0000bt\"}}")
                .when().put(CONNECTIONS + "/" + connection + "/mapping").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/types/Spike"));
    }

    @Test
    void aDuplicateKeyIsA400NamingIt() {
        names(post("{\"kind\":\"github\",\"name\":\"a\",\"name\":\"b\",\"secret\":\"s3cr3t-webhook\"}"), "/name")
                .body("errors[0].detail", equalTo("duplicate key"));
        nothingStored();
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        post("{\"kind\":\"github\",\"name\":\"a\",\"secret\":\"s3cr3t-webhook\"}}}").statusCode(400)
                .body("type", equalTo("https://flowlens.io/problems/malformed-json"));
        post("{\"kind\":\"github\",\"name\":\"a\",\"secret\":\"s3cr3t-webhook\"} []").statusCode(400)
                .body("detail", containsString("more after the JSON value"));
        nothingStored();
    }

    @Test
    void noScalarIsCoercedToAString() {
        names(post("{\"kind\":\"github\",\"name\":12345,\"secret\":\"s3cr3t-webhook\"}"), "/name")
                .body("errors[0].detail", containsString("a string"));
        names(post("{\"kind\":\"github\",\"name\":\"n\",\"secret\":12345678}"), "/secret");
        names(post("{\"kind\":\"jira-cloud\",\"name\":\"n\",\"secret\":\"s3cr3t-webhook\"}"), "/kind");
        nothingStored();
    }

    @Test
    void aBodyWithoutContentTypeIs415WhereJsonIsRead() {
        as(tenant, "member").body("{\"kind\":\"github\",\"name\":\"a\",\"secret\":\"s3cr3t-webhook\"}".getBytes())
                .when().post(CONNECTIONS).then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/unsupported-media-type"));
        nothingStored();
    }

    @Test
    void aTrackerDeliveryIsNotHeldToTheseRules() {
        // Webhooks read any body as sent (their parsers are lenient, NUL is stripped there): no 415, no 400 here.
        Api.tracker().body("{\"a\":1,\"a\":2,\"t\":\"x\\u0000\"}".getBytes())
                .when().post("/api/v1/webhooks/" + UUID.randomUUID()).then()
                .statusCode(not(equalTo(415)))
                .body(not(containsString("duplicate key")), not(containsString("NUL")));
    }

    @Test
    void controlCharactersInAPathOrQueryAreA400NamingTheParameter() {
        as(tenant, "reader").urlEncodingEnabled(false).when().get("/api/v1/items?project=%00").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("project"));
        as(tenant, "reader").urlEncodingEnabled(false).when().get(CONNECTIONS + "/%00").then()
                .statusCode(400).body("errors[0].pointer", equalTo("id"));
        as(tenant, "reader").urlEncodingEnabled(false).when().get(CONNECTIONS + "/x%0a12:00%20INFO%20forged").then()
                .statusCode(400).body("errors[0].pointer", equalTo("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1.5", "99999999999999999999" })
    void aMalformedLimitIsA400NamingIt(String limit) {
        for (String list : new String[] { CONNECTIONS, "/api/v1/items" }) {
            as(tenant, "reader").queryParam("limit", limit).when().get(list).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("limit"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "%%%", "eyJ4IjoxfQ" })
    void aMalformedCursorIsA400NamingIt(String cursor) {
        for (String list : new String[] { CONNECTIONS, "/api/v1/items" }) {
            as(tenant, "reader").queryParam("cursor", cursor).when().get(list).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("cursor"));
        }
    }

    @Test
    void aLongErrorListIsCappedWithItsTotal() {
        String connection = Api.connection(tenant, "github", "s3cr3t-webhook");
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            types.put("Type" + i, "not-a-flow-type");
        }
        as(tenant, "member").contentType(ContentType.JSON).body(Map.of("types", types))
                .when().put(CONNECTIONS + "/" + connection + "/mapping").then()
                .statusCode(400)
                .body("errors", hasSize(100))
                .body("errorsTotal", equalTo(150));
    }
}
