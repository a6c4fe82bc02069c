package io.flowlens.metrics.result;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.result.Results.add;
import static io.flowlens.metrics.result.Results.category;
import static io.flowlens.metrics.result.Results.results;
import static io.flowlens.metrics.result.Results.stream;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Uploads, CSV and JSON: all or nothing, every fault named by line or index, the same file
 * twice is the same points, a corrected file corrects them, size limited.
 */
@QuarkusTest
class ResultImportTest {

    @Inject
    DataSource dataSource;

    private static ValidatableResponse csv(String tenant, String stream, String body) {
        return as(tenant, Roles.MEMBER).contentType("text/csv").body(body.getBytes(StandardCharsets.UTF_8))
                .post(results(stream) + "/imports").then();
    }

    private static ValidatableResponse json(String tenant, String stream, String body) {
        return as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body).post(results(stream) + "/imports").then();
    }

    private static final String FILE = """
            category,date,value,note
            value,2026-01-31,98000,January revenue
            value,2026-02-28,104500.5,
            nps,2026-03-31,42,"Survey, Q1"
            nps,2026-03-31,44,second panel
            """;

    @Test
    void aCsvFileIsImportedAndSendingItAgainChangesNothing() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        category(tenant, "nps", true);
        csv(tenant, stream, FILE).statusCode(200).body("imported", equalTo(4)).body("replaced", equalTo(0))
                .body("firstDate", equalTo("2026-01-31")).body("lastDate", equalTo("2026-03-31"));
        as(tenant, Roles.READER).queryParam("category", "nps").get(results(stream)).then().statusCode(200)
                .body("items", hasSize(2)).body("items.note", hasItem("Survey, Q1"));
        csv(tenant, stream, FILE).statusCode(200).body("imported", equalTo(4)).body("replaced", equalTo(4));
        assertEquals(4, Results.points(dataSource, tenant));
        as(tenant, Roles.READER).queryParam("category", "value").get(results(stream)).then()
                .body("items.value", equalTo(List.of(98000.0f, 104500.5f)));
    }

    @Test
    void anUploadReplacesTheCategoryAndDatesItStatesAndLeavesTheRest() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        add(tenant, stream, "value", "2026-01-31", 1);
        add(tenant, stream, "value", "2026-01-31", 2);
        add(tenant, stream, "cost", "2026-01-31", 3);
        add(tenant, stream, "value", "2026-02-28", 4);
        csv(tenant, stream, "category,date,value\nvalue,2026-01-31,1.5\n").statusCode(200)
                .body("imported", equalTo(1)).body("replaced", equalTo(2));
        as(tenant, Roles.READER).get(results(stream)).then()
                .body("items.findAll { it.category == 'value' }.value", equalTo(List.of(1.5f, 4.0f)))
                .body("items.findAll { it.category == 'cost' }.value", equalTo(List.of(3.0f)));
        assertEquals(3, Results.points(dataSource, tenant));
    }

    @Test
    void aJsonArrayIsImportedLikeACsvFile() {
        String tenant = newTenant();
        String stream = stream(tenant);
        json(tenant, stream, """
                [{"category": "happiness", "date": "2026-01-31", "value": 7, "note": "team survey"},
                 {"category": "quality", "date": "2026-01-31", "value": -0.25}]""")
                .statusCode(200).body("imported", equalTo(2)).body("replaced", equalTo(0));
        as(tenant, Roles.READER).get(results(stream)).then().body("items", hasSize(2));
    }

    @Test
    void oneBadLineRejectsTheWholeFileNamingTheLine() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        csv(tenant, stream, """
                category,date,value,note
                value,2026-01-31,98000,ok

                value,2026-02-30,12,bad date on line 4
                value,2026-03-31,1e999,
                value,2026-04-30,"1,5",
                cost,2026-05-31,7,too,many
                """).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/invalid-import"))
                .body("errors.pointer", equalTo(List.of("/4/date", "/5/value", "/6/value", "/7")))
                .body("errors[0].detail", startsWith("line 4: date"))
                .body("detail", containsString("nothing was imported"));
        assertEquals(0, Results.points(dataSource, tenant));
    }

    @Test
    void everyJsonFaultIsNamedByIndex() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        json(tenant, stream, """
                [{"category": "value", "date": "2026-01-31", "value": 1},
                 {"category": "value", "date": "2026-01-31", "value": "12"},
                 {"category": 5, "date": "2026-01-31", "value": 1, "colour": "red"},
                 "not an object",
                 {"category": "value", "date": "2026-01-31", "value": 1, "note": "a\\u0000b"}]""")
                .statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", equalTo(List.of("/1/value", "/2/colour", "/2/category", "/3", "/4/note")))
                .body("errors[0].detail", equalTo("index 1: value must be a JSON number, not a string"));
        json(tenant, stream, "{\"category\": \"value\"}").statusCode(400).body("errors[0].pointer", equalTo("/"));
        json(tenant, stream, "[]").statusCode(400).body("errors[0].pointer", equalTo("/"));
        json(tenant, stream, "[{\"category\": \"value\", \"category\": \"cost\"}]").statusCode(400)
                .contentType("application/problem+json");
        json(tenant, stream, "[] []").statusCode(400).contentType("application/problem+json");
        json(tenant, stream, "[{\"category\": \"value\", ").statusCode(400).contentType("application/problem+json");
        assertEquals(0, Results.points(dataSource, tenant));
    }

    @Test
    void onlyUnknownCategoriesAre422NamingEach() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        csv(tenant, stream, "category,date,value\nrevenue,2026-01-31,1\nvalue,2026-01-31,2\ncustomer-centricity,2026-01-31,70\n")
                .statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", equalTo(List.of("/2/category", "/4/category")))
                .body("errors[0].detail", containsString("'revenue'"))
                .body("errors[1].detail", containsString("assessments"));
        assertEquals(0, Results.points(dataSource, tenant));
    }

    @Test
    void aLongFaultListIsCappedWithItsTotal() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        StringBuilder file = new StringBuilder("category,date,value\n");
        for (int i = 0; i < 150; i++) {
            file.append("value,2026-01-31,x\n");
        }
        csv(tenant, stream, file.toString()).statusCode(400).body("errors", hasSize(100))
                .body("errorsTotal", equalTo(150)).body("errors[99].pointer", equalTo("/101/value"));
        assertEquals(0, Results.points(dataSource, tenant));
    }

    @Test
    void anUploadAtTheLimitIsImportedAndReplacedWhole() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        StringBuilder file = new StringBuilder("category,date,value,note\n");
        LocalDate day = LocalDate.of(1990, 1, 1);
        for (int i = 0; i < 50_000; i++) {
            file.append(i % 2 == 0 ? "value," : "cost,").append(day.plusDays(i / 2)).append(',').append(i * 0.5)
                    .append(",row ").append(i).append('\n');
        }
        long start = System.nanoTime();
        csv(tenant, stream, file.toString()).statusCode(200).body("imported", equalTo(50_000))
                .body("replaced", equalTo(0)).body("firstDate", equalTo("1990-01-01"));
        long first = System.nanoTime();
        csv(tenant, stream, file.toString()).statusCode(200).body("replaced", equalTo(50_000));
        long again = System.nanoTime();
        System.out.printf("50,000-point CSV upload: %d ms new, %d ms replacing%n", (first - start) / 1_000_000,
                (again - first) / 1_000_000);
        assertEquals(50_000, Results.points(dataSource, tenant));
    }

    @Test
    void moreThanTheLimitIs413AndStoresNothing() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        StringBuilder file = new StringBuilder("category,date,value\n");
        for (int i = 0; i <= 50_000; i++) {
            file.append("value,2026-01-31,1\n");
        }
        csv(tenant, stream, file.toString()).statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("50000"));
        assertEquals(0, Results.points(dataSource, tenant));
    }

    @Test
    void theFileMustBeUtf8CsvOrJsonAndSaySo() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        as(tenant, Roles.MEMBER).contentType("text/csv")
                .body(new byte[] { 'c', 'a', 't', (byte) 0xC3, (byte) 0x28, '\n' }).post(results(stream) + "/imports")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("UTF-8"));
        as(tenant, Roles.MEMBER).contentType("text/plain").body("category,date,value\nvalue,2026-01-31,1\n")
                .post(results(stream) + "/imports").then().statusCode(415).contentType("application/problem+json");
        as(tenant, Roles.MEMBER).body("category,date,value\nvalue,2026-01-31,1\n".getBytes(StandardCharsets.UTF_8))
                .post(results(stream) + "/imports").then().statusCode(415);
        csv(tenant, stream, "").statusCode(400).body("errors[0].pointer", equalTo("/"));
        csv(tenant, stream, "when,how much\n2026-01-31,1\n").statusCode(400).body("errors[0].pointer", equalTo("/1"));
        assertEquals(0, Results.points(dataSource, tenant));
    }
}
