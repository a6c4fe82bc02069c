package io.flowlens.metrics.hygiene;

import static io.flowlens.metrics.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every kind of bad input a careless or hostile client sends is a 4xx problem naming what is
 * wrong, in JSON's words, and stores nothing (issue 14, "Bad input").
 */
@QuarkusTest
class BadInputTest {

    private static final String STREAMS = "/api/v1/value-streams";
    private static final String SCOPES = "\"scopes\":[{\"connectionId\":\"c1\",\"project\":\"shop\"}]";

    private final String tenant = Fixtures.newTenant();

    private ValidatableResponse post(String json) {
        return as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(json).when().post(STREAMS).then()
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .body(not(containsString("java.")), not(containsString("io.flowlens")),
                        not(containsString("JsonToken")), not(containsString("ValueStreamRequest")),
                        not(containsString("START_OBJECT")));
    }

    private void nothingStored() {
        as(tenant, Roles.READER).when().get(STREAMS).then().statusCode(200).body("items", hasSize(0));
    }

    private static ValidatableResponse names(ValidatableResponse response, String pointer) {
        return response.statusCode(400).body("errors[0].pointer", equalTo(pointer));
    }

    @Test
    void aNulCharacterInAnyStoredStringIsRefusedWithItsField() {
        names(post("{\"name\":\"a\\u0000b\",\"timeZone\":\"UTC\"," + SCOPES + "}"), "/name")
                .body("errors[0].detail", containsString("NUL"));
        names(post("{\"name\":\"n\",\"timeZone\":\"UTC\",\"scopes\":[{\"connectionId\":\"c1\",\"project\":\"p\","
                + "\"labels\":[\"ok\",\"bad\\u0000\"]}]}"), "/scopes/0/labels/1");
        nothingStored();
    }

    @Test
    void aDuplicateKeyIsA400NamingIt() {
        names(post("{\"name\":\"a\",\"name\":\"b\",\"timeZone\":\"UTC\"," + SCOPES + "}"), "/name")
                .body("errors[0].detail", equalTo("duplicate key"));
        names(post("{\"name\":\"a\",\"timeZone\":\"UTC\",\"scopes\":[{\"connectionId\":\"c1\",\"project\":\"p\","
                + "\"project\":\"q\"}]}"), "/scopes/0/project");
        nothingStored();
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        post("{\"name\":\"a\",\"timeZone\":\"UTC\"," + SCOPES + "}}}").statusCode(400)
                .body("type", equalTo("https://flowlens.io/problems/malformed-json"));
        post("{\"name\":\"a\",\"timeZone\":\"UTC\"," + SCOPES + "} {}").statusCode(400)
                .body("detail", containsString("more after the JSON value"));
        nothingStored();
    }

    @Test
    void noScalarIsCoercedToAString() {
        names(post("{\"name\":12345,\"timeZone\":\"UTC\"," + SCOPES + "}"), "/name")
                .body("errors[0].detail", containsString("a string"));
        names(post("{\"name\":\"n\",\"timeZone\":true," + SCOPES + "}"), "/timeZone");
        names(post("{\"name\":\"n\",\"timeZone\":\"UTC\",\"scopes\":[{\"connectionId\":7,\"project\":\"p\"}]}"),
                "/scopes/0/connectionId");
        names(post("{\"name\":\"n\",\"timeZone\":\"UTC\",\"scopes\":{}}"), "/scopes")
                .body("errors[0].detail", containsString("an array"));
        nothingStored();
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        as(tenant, Roles.MEMBER).body(("{\"name\":\"a\",\"timeZone\":\"UTC\"," + SCOPES + "}").getBytes())
                .when().post(STREAMS).then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/unsupported-media-type"));
        nothingStored();
    }

    @Test
    void controlCharactersInAPathOrQueryAreA400NamingTheParameter() {
        as(tenant, Roles.READER).urlEncodingEnabled(false).when().get("/api/v1/portfolio/flow?zone=%00").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("zone"));
        as(tenant, Roles.READER).urlEncodingEnabled(false).when().get("/api/v1/portfolio/flow?from=x%0a12:00%20INFO")
                .then().statusCode(400).body("errors[0].pointer", equalTo("from"));
        as(tenant, Roles.READER).urlEncodingEnabled(false).when().get(STREAMS + "/%00").then()
                .statusCode(400).body("errors[0].pointer", equalTo("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1.5", "99999999999999999999", "-1", "0" })
    void aMalformedLimitIsA400NamingIt(String limit) {
        as(tenant, Roles.READER).queryParam("limit", limit).when().get(STREAMS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("limit"));
        as(tenant, Roles.READER).queryParam("limit", limit).when().get("/api/v1/portfolio/flow/items").then()
                .statusCode(400).body("errors[0].pointer", equalTo("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "%%%", "eyJ4IjoxfQ" })
    void aMalformedCursorIsA400NamingIt(String cursor) {
        as(tenant, Roles.READER).queryParam("cursor", cursor).when().get(STREAMS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("cursor"));
    }

    @Test
    void aLongErrorListIsCappedWithItsTotal() {
        // 60 empty scopes: the size rule plus two blank fields each, 121 errors.
        List<Map<String, Object>> scopes = Collections.nCopies(60, Map.of());
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "timeZone", "UTC", "scopes", scopes))
                .when().post(STREAMS).then().statusCode(400)
                .body("errors", hasSize(100))
                .body("errorsTotal", equalTo(121))
                .body("detail", startsWith("121 "));
        nothingStored();
    }
}
