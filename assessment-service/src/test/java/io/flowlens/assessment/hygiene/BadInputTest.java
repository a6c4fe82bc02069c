package io.flowlens.assessment.hygiene;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowlens.assessment.support.Api;
import io.flowlens.common.identity.IdentityToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every kind of bad input a careless or hostile client sends is a 4xx problem naming what is
 * wrong, in JSON's words, and stores nothing (issue 14, "Bad input").
 */
@QuarkusTest
class BadInputTest {

    private static final String ORGANISATIONS = "/api/v1/organisations";
    private static final String REST = ",\"industry\":\"retail\",\"sizeBand\":\"50-249\",\"region\":\"europe\"}";

    private final String tenant = Api.newTenant();

    private ValidatableResponse post(String path, String json) {
        return partner(tenant).body(json).when().post(path).then()
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .body(not(containsString("java.")), not(containsString("io.flowlens")),
                        not(containsString("JsonToken")), not(containsString("CreateOrganisation")),
                        not(containsString("SaveDraft")), not(containsString("START_OBJECT")));
    }

    private void nothingStored() {
        as(tenant, "reader").when().get(ORGANISATIONS).then().statusCode(200).body("items", hasSize(0));
    }

    private static ValidatableResponse names(ValidatableResponse response, String pointer) {
        return response.statusCode(400).body("errors[0].pointer", equalTo(pointer));
    }

    @Test
    void aNulCharacterInAStoredStringIsRefusedWithItsField() {
        names(post(ORGANISATIONS, "{\"name\":\"Acme\\u0000\"" + REST), "/name")
                .body("errors[0].detail", containsString("NUL"));
        names(post("/api/v1/partner-webhooks", "{\"url\":\"https://partner.example.com/h\",\"description\":\"\\u0000\"}"),
                "/description");
        nothingStored();
        as(tenant, "admin").when().get("/api/v1/partner-webhooks").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aDuplicateKeyIsA400NamingIt() {
        names(post(ORGANISATIONS, "{\"name\":\"a\",\"name\":\"b\"" + REST), "/name")
                .body("errors[0].detail", equalTo("duplicate key"));
        nothingStored();
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        post(ORGANISATIONS, "{\"name\":\"a\"" + REST + "}}").statusCode(400)
                .body("type", equalTo("https://flowlens.io/problems/malformed-json"));
        post(ORGANISATIONS, "{\"name\":\"a\"" + REST + " {}").statusCode(400)
                .body("detail", containsString("more after the JSON value"));
        nothingStored();
    }

    @Test
    void noScalarIsCoerced() {
        names(post(ORGANISATIONS, "{\"name\":12345" + REST), "/name")
                .body("errors[0].detail", containsString("a string"));
        nothingStored();
        String organisation = Api.createOrganisation(tenant, "retail", "50-249", "europe");
        String draft = "{\"organisationId\":\"" + organisation + "\",\"questionnaireVersion\":\"" + Api.CCM + "\","
                + "\"answers\":{\"research.blend\":";
        names(post("/api/v1/assessments/drafts", draft + "\"3\"}}"), "/answers/research.blend")
                .body("errors[0].detail", containsString("an integer"));
        names(post("/api/v1/assessments/drafts", draft + "1.5}}"), "/answers/research.blend");
        names(post("/api/v1/assessments/drafts", draft + "true}}"), "/answers/research.blend");
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        given().header(IdentityToken.HEADER, Api.token(tenant, "partner"))
                .body(("{\"name\":\"a\"" + REST).getBytes())
                .when().post(ORGANISATIONS).then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/unsupported-media-type"));
        nothingStored();
    }

    @Test
    void controlCharactersInAPathOrQueryAreA400NamingTheParameter() {
        as(tenant, "reader").urlEncodingEnabled(false).when().get("/api/v1/questionnaires/%00").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("version"));
        as(tenant, "reader").urlEncodingEnabled(false).when().get("/api/v1/questionnaires/x%0aINFO%20forged").then()
                .statusCode(400).body("errors[0].pointer", equalTo("version"));
        as(tenant, "reader").urlEncodingEnabled(false).when().get("/api/v1/assessments/export?version=%00").then()
                .statusCode(400).body("errors[0].pointer", equalTo("version"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1.5", "99999999999999999999" })
    void aMalformedLimitIsA400NamingIt(String limit) {
        String organisation = Api.createOrganisation(tenant, "retail", "50-249", "europe");
        for (String list : new String[] { ORGANISATIONS, ORGANISATIONS + "/" + organisation + "/assessments" }) {
            as(tenant, "reader").queryParam("limit", limit).when().get(list).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("limit"));
        }
        as(tenant, "admin").queryParam("limit", limit).when()
                .get("/api/v1/partner-webhooks/" + java.util.UUID.randomUUID() + "/deliveries").then()
                .statusCode(400).body("errors[0].pointer", equalTo("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "%%%", "eyJ4IjoxfQ" })
    void aMalformedCursorIsA400NamingIt(String cursor) {
        as(tenant, "reader").queryParam("cursor", cursor).when().get(ORGANISATIONS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("cursor"));
    }

    @Test
    void sixtyThousandUnknownAnswersGiveACappedErrorList() {
        String organisation = Api.createOrganisation(tenant, "retail", "50-249", "europe");
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < 60_000; i++) {
            answers.put("unknown." + i, 3);
        }
        partner(tenant).body(Map.of("organisationId", organisation, "questionnaireVersion", Api.CCM, "answers", answers))
                .when().post("/api/v1/assessments/drafts").then()
                .statusCode(422)
                .body("errors", hasSize(100))
                .body("errorsTotal", equalTo(60_000));
    }
}
