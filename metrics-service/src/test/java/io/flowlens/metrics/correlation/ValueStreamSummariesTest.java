package io.flowlens.metrics.correlation;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.correlation.Outcomes.W0;
import static io.flowlens.metrics.correlation.Outcomes.completions;
import static io.flowlens.metrics.correlation.Outcomes.get;
import static io.flowlens.metrics.correlation.Outcomes.stream;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;

/** GET /portfolio/value-stream-summaries: several streams' /flow for one window, side by side. */
@QuarkusTest
class ValueStreamSummariesTest {

    static final String WINDOW = "from=" + W0 + "&to=" + W0.plusWeeks(8);
    static final String PATH = "/api/v1/portfolio/value-stream-summaries";

    @Test
    void theStreamsAskedForInTheirOrderEachAsItsOwnFlowGivesIt() {
        String tenant = newTenant();
        String a = stream(tenant, "a", "UTC");
        String b = stream(tenant, "b", "Europe/Berlin");
        completions(tenant, "a", 1, 2, 3);
        completions(tenant, "b", 5, 0, 1, 1);
        JsonNode answer = get(tenant, PATH + "?valueStreamId=" + b + "&valueStreamId=" + a + "," + b + "&" + WINDOW);
        assertEquals(2, answer.get("items").size(), "duplicates are answered once");
        assertTrue(answer.get("nextCursor").isNull());
        assertEquals(b, answer.at("/items/0/subject/valueStreamId").asText());
        assertEquals(a, answer.at("/items/1/subject/valueStreamId").asText());
        assertEquals(get(tenant, "/api/v1/value-streams/" + b + "/flow?" + WINDOW), answer.at("/items/0"));
        assertEquals(get(tenant, "/api/v1/value-streams/" + a + "/flow?" + WINDOW), answer.at("/items/1"));
        assertEquals(7, answer.at("/items/0/total/velocity").asInt());
        assertEquals("Europe/Berlin", answer.at("/items/0/window/timeZone").asText());
    }

    @Test
    void withoutIdsEveryStreamOfTheTenantPageByPage() {
        String tenant = newTenant();
        List<String> ids = new ArrayList<>();
        for (String project : new String[] { "p", "q", "r" }) {
            ids.add(stream(tenant, project, "UTC"));
        }
        stream(newTenant(), "p", "UTC"); // another tenant's: never listed
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get(tenant, PATH + "?limit=2&" + WINDOW + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(r -> seen.add(r.at("/subject/valueStreamId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertEquals(ids, seen);
        assertEquals(3, get(tenant, PATH + "?" + WINDOW).get("items").size());
    }

    @Test
    void unknownIdsAre404AndBadParameters400() {
        String tenant = newTenant();
        String a = stream(tenant, "a", "UTC");
        as(tenant, Roles.READER).get(PATH + "?valueStreamId=" + a + "&valueStreamId=" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append(UUID.randomUUID());
        }
        String[][] bad = { { "valueStreamId=not-an-id", "valueStreamId" }, { "valueStreamId=" + many, "valueStreamId" },
                { "valueStreamId=" + a + ",", "valueStreamId" }, { "limit=0", "limit" }, { "limit=51", "limit" },
                { "limit=x", "limit" }, { "cursor=%25%25", "cursor" }, { "valueStreamId=" + a + "&limit=5", "limit" },
                { "from=2025-03-01&to=2025-01-01", "from" }, { "from=2015-01-01&to=2025-01-01", "to" } };
        for (String[] b : bad) {
            as(tenant, Roles.READER).get(PATH + "?" + b[0]).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.pointer", hasItem(b[1]));
        }
    }
}
