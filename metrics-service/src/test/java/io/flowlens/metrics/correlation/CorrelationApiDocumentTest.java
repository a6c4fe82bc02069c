package io.flowlens.metrics.correlation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The flow-against-outcomes endpoints are documented: ids, roles, closed sets, errors as problem+json. */
@QuarkusTest
class CorrelationApiDocumentTest {

    @Test
    void everyOperationIsDocumentedWithItsIdRoleParametersAndErrors() {
        ValidatableResponse doc = given()
                .port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        String[][] operations = { { "/api/v1/value-streams/{id}/correlation", "getValueStreamFlowCorrelation" },
                { "/api/v1/portfolio/correlation", "getPortfolioFlowCorrelation" },
                { "/api/v1/value-streams/{id}/correlation-ranking", "rankValueStreamCorrelations" },
                { "/api/v1/portfolio/correlation-ranking", "rankPortfolioCorrelations" },
                { "/api/v1/value-streams/{id}/result-series", "listValueStreamResultSeries" },
                { "/api/v1/portfolio/result-series", "listPortfolioResultSeries" },
                { "/api/v1/portfolio/value-stream-summaries", "listValueStreamSummaries" } };
        for (String[] op : operations) {
            String get = "paths.'" + op[0] + "'.get";
            doc.body(get + ".operationId", equalTo(op[1]))
                    .body(get + ".description", containsString("Role: reader."))
                    .body(get + ".x-flowlens-roles", hasItem("reader"))
                    .body(get + ".responses.'401'.content.'application/problem+json'", notNullValue());
        }
        String correlation = "paths.'/api/v1/value-streams/{id}/correlation'.get";
        doc.body(correlation + ".responses.'400'.content.'application/problem+json'", notNullValue())
                .body(correlation + ".responses.'404'.content.'application/problem+json'", notNullValue())
                .body(correlation + ".responses.'422'.content.'application/problem+json'", notNullValue())
                .body(correlation + ".parameters.find { it.name == 'flow' }.schema.enum",
                        hasItems("velocity", "flowTimeP50", "flowTimeP85", "efficiency", "loadMean", "distribution"))
                .body(correlation + ".parameters.find { it.name == 'bucket' }.schema.enum", hasItems("week", "month"))
                .body(correlation + ".parameters.find { it.name == 'lag' }.schema.type", equalTo("integer"))
                .body(correlation + ".parameters.find { it.name == 'lag' }.schema.maximum", equalTo(6))
                .body(correlation + ".description", containsString("correlation, not cause"));
    }
}
