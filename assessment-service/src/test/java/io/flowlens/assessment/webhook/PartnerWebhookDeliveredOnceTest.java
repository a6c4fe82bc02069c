package io.flowlens.assessment.webhook;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.PartnerReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An endpoint that answers at once with an empty body (204) gets each event once, in one attempt.
 * The answer can have ended before the dispatcher looks at it; that must still count as delivered,
 * never as a failed attempt that sends the event again. Many deliveries make the race likely.
 */
@QuarkusTest
class PartnerWebhookDeliveredOnceTest {

    private static final int EVENTS = 25;

    @Test
    void aQuickEmptyAnswerDeliversEachEventOnceInOneAttempt() throws Exception {
        try (PartnerReceiver receiver = new PartnerReceiver()) {
            String tenant = Api.newTenant();
            String endpoint = partner(tenant).body(Map.of("url", "http://127.0.0.1:" + receiver.port() + "/hooks"))
                    .post("/api/v1/partner-webhooks").then().statusCode(201).extract().path("id");
            String organisation = Api.createOrganisation(tenant, "software", "1-49", "europe");
            for (int i = 0; i < EVENTS; i++) {
                Api.submit(tenant, organisation, Api.uniformAnswers(1 + i % 5));
            }
            JsonPath log = settled(tenant, endpoint);
            List<Map<String, Object>> items = log.getList("items");
            assertEquals(EVENTS, items.size(), log.prettify());
            for (Map<String, Object> d : items) {
                assertEquals("delivered", d.get("status"), log.prettify());
                assertEquals(1, d.get("attempts"), log.prettify());
            }
            Set<String> ids = receiver.received().stream().map(r -> r.headers().get("webhook-id").get(0))
                    .collect(Collectors.toSet());
            assertEquals(EVENTS, receiver.received().size(), "calls received: " + receiver.received().size());
            assertEquals(EVENTS, ids.size());
        }
    }

    /** Polls until all of the endpoint's deliveries have left pending. */
    private static JsonPath settled(String tenant, String endpoint) throws InterruptedException {
        JsonPath log = null;
        for (int i = 0; i < 120; i++) {
            log = as(tenant, "reader").queryParam("limit", 100)
                    .get("/api/v1/partner-webhooks/" + endpoint + "/deliveries").then().statusCode(200).extract()
                    .jsonPath();
            List<String> statuses = log.getList("items.status");
            if (statuses.size() == EVENTS && !statuses.contains("pending")) {
                return log;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the deliveries never settled: " + (log == null ? "" : log.prettify()));
    }
}
