package io.flowlens.metrics.flow;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * The tabular flow reads as CSV for spreadsheets (RFC 4180, header row, UTF-8, a file name),
 * conditional reads (ETag, If-None-Match answered 304, Cache-Control) and gzip, over HTTP on the
 * hand-computed week of FlowResourceTest.
 */
@QuarkusTest
class FormatsAndCachingTest {

    static final String CSV = "text/csv";

    @Test
    void cumulativeFlowAsCsvIsOneRowPerDayUnderAHeader() {
        String t = FlowResourceTest.week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        Response csv = as(t, Roles.READER).accept(CSV).get("/api/v1/value-streams/" + vs + "/cfd?" + FlowResourceTest.WEEK);
        csv.then().statusCode(200).contentType(startsWith("text/csv")).contentType(containsString("charset=utf-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"flow-" + vs + "-cfd.csv\""));
        String[] lines = csv.asString().split("\r\n", -1);
        assertEquals("day,new,active,waiting,done,canceled", lines[0]);
        assertEquals(1 + 7 + 1, lines.length, "header, seven days, and the CRLF after the last record");
        List<Integer> jsonDone = as(t, Roles.READER).get("/api/v1/value-streams/" + vs + "/cfd?" + FlowResourceTest.WEEK)
                .then().statusCode(200).extract().path("days.done");
        for (int day = 0; day < 7; day++) {
            assertEquals(String.valueOf(jsonDone.get(day)), lines[1 + day].split(",")[4], "done on day " + day);
        }
    }

    @Test
    void flowMetricsItemsAndAgingAsCsv() {
        String t = FlowResourceTest.week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        String series = as(t, Roles.READER).accept(CSV)
                .get("/api/v1/value-streams/" + vs + "/flow?bucket=day&" + FlowResourceTest.WEEK).then().statusCode(200)
                .header("Content-Disposition", containsString("metrics-day.csv")).extract().asString();
        String[] rows = series.split("\r\n");
        assertTrue(rows[0].startsWith("start,end,label,partial,velocity,"), rows[0]);
        assertEquals(1 + 7, rows.length);
        String total = as(t, Roles.READER).accept(CSV).get("/api/v1/value-streams/" + vs + "/flow?" + FlowResourceTest.WEEK)
                .then().statusCode(200).extract().asString();
        long velocity = ((Number) as(t, Roles.READER).get("/api/v1/value-streams/" + vs + "/flow?" + FlowResourceTest.WEEK)
                .then().extract().path("total.velocity")).longValue();
        assertTrue(total.split("\r\n")[1].startsWith("2025-06-01T00:00:00Z,2025-06-08T00:00:00Z,total,false," + velocity + ","),
                total);

        // A page of items: the next page's address travels in the Link header.
        Response items = as(t, Roles.READER).accept(CSV)
                .get("/api/v1/value-streams/" + vs + "/flow/items?limit=2&" + FlowResourceTest.WEEK);
        items.then().statusCode(200).header("Link", containsString("rel=\"next\""))
                .header("Link", containsString("limit=2")).header("Link", containsString("cursor="));
        String[] itemRows = items.asString().split("\r\n");
        assertEquals("item_id,key,title,flow_type,completed_at,work_started_at,flow_time_days,active_time_days", itemRows[0]);
        assertEquals(3, itemRows.length);

        String aging = as(t, Roles.READER).accept(CSV).get("/api/v1/value-streams/" + vs + "/aging").then().statusCode(200)
                .header("Content-Disposition", containsString("-aging.csv")).extract().asString();
        assertTrue(aging.startsWith("item_id,key,title,flow_type,state,work_started_at,age_days,beyond_p85\r\n"), aging);
        as(t, Roles.READER).accept(CSV).get("/api/v1/portfolio/cfd?" + FlowResourceTest.WEEK).then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"flow-portfolio-cfd.csv\""));
    }

    @Test
    void aTitleThatLooksLikeAFormulaIsNotRunByASpreadsheetAndCommasAreQuoted() {
        String t = io.flowlens.metrics.Fixtures.newTenant();
        post(java.util.Map.of("eventId", java.util.UUID.randomUUID().toString(), "tenantId", t, "type", "item.upserted",
                "revision", 1, "emittedAt", "2026-01-05T10:00:00Z",
                "item", java.util.Map.of("itemId", "x", "connectionId", "c1", "project", "shop", "key", "SHOP-1",
                        "title", "=HYPERLINK(\"https://evil.example\", \"a, b\")", "flowType", "feature",
                        "labels", List.of(), "createdAt", "2025-06-01T00:00:00Z",
                        "transitions", List.of(java.util.Map.of("at", "2025-06-02T00:00:00Z", "state", "active"),
                                java.util.Map.of("at", "2025-06-03T00:00:00Z", "state", "done")))));
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        String csv = as(t, Roles.READER).accept(CSV).get("/api/v1/value-streams/" + vs + "/flow/items?" + FlowResourceTest.WEEK)
                .then().statusCode(200).extract().asString();
        assertTrue(csv.contains(",SHOP-1,\"'=HYPERLINK(\"\"https://evil.example\"\", \"\"a, b\"\")\",feature,"), csv);
    }

    @Test
    void anUnchangedAnswerIsNotSentAgainAndAChangedOneHasANewTag() {
        String t = FlowResourceTest.week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        String path = "/api/v1/value-streams/" + vs + "/flow?" + FlowResourceTest.WEEK;
        Response first = as(t, Roles.READER).get(path);
        first.then().statusCode(200).header("Cache-Control", equalTo("private, no-cache"))
                .header("ETag", startsWith("W/\""));
        String tag = first.header("ETag");
        as(t, Roles.READER).header("If-None-Match", tag).get(path).then().statusCode(304)
                .header("ETag", equalTo(tag)).header("Cache-Control", equalTo("private, no-cache"));
        as(t, Roles.READER).header("If-None-Match", "W/\"something-else\", " + tag).get(path).then().statusCode(304);
        as(t, Roles.READER).header("If-None-Match", "W/\"something-else\"").get(path).then().statusCode(200);

        // The CSV of the same answer is another representation with its own tag.
        String csvTag = as(t, Roles.READER).accept(CSV).get(path).then().statusCode(200).extract().header("ETag");
        assertNotEquals(tag, csvTag);
        as(t, Roles.READER).accept(CSV).header("If-None-Match", csvTag).get(path).then().statusCode(304);

        // Ingestion changes the answer: the old tag no longer matches.
        post(FlowResourceTest.item(t, "late", 1, "shop", "feature", List.of(), "2025-06-01T00:00:00Z",
                "2025-06-02T00:00:00Z", "active", "2025-06-04T00:00:00Z", "done"));
        Response changed = as(t, Roles.READER).header("If-None-Match", tag).get(path);
        changed.then().statusCode(200).header("ETag", not(equalTo(tag)));
    }

    @Test
    void aFailureIsNeverTaggedAsCurrent() {
        String t = io.flowlens.metrics.Fixtures.newTenant();
        as(t, Roles.READER).get("/api/v1/value-streams/00000000-0000-0000-0000-000000000000/cfd").then().statusCode(404)
                .contentType("application/problem+json").header("ETag", nullValue());
    }

    @Test
    void aLargeAnswerIsGzippedForAClientThatAsks() throws IOException {
        String t = FlowResourceTest.week();
        String path = "/api/v1/portfolio/cfd?from=2025-01-01&to=2025-12-31";
        Response gz = as(t, Roles.READER).config(RestAssuredConfig.config()
                .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get(path);
        gz.then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        byte[] compressed = gz.asByteArray();
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"days\""), json.substring(0, Math.min(200, json.length())));
        assertTrue(compressed.length * 5 < json.length(), compressed.length + " bytes gzipped of " + json.length());
        as(t, Roles.READER).config(RestAssuredConfig.config()
                .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "identity").get(path).then().statusCode(200)
                .header("Content-Encoding", nullValue());
    }
}
