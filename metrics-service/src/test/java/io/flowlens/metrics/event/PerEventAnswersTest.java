package io.flowlens.metrics.event;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.service;
import static io.flowlens.metrics.Fixtures.upsert;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Version 2 of the consumer: a relay that asks for answers per event gets the valid events of a
 * batch applied and the others listed, so one bad event never holds back the rest.
 */
@QuarkusTest
class PerEventAnswersTest {

    static final String WINDOW = "from=2025-06-01&to=2025-07-01";

    @Inject
    DataSource dataSource;

    static Map<String, Object> done(String tenant, String item, String type) {
        return upsert(tenant, item, 1, "c-per-event", "shop", type, List.of(), "2025-06-01T08:00:00Z",
                "2025-06-02T08:00:00Z", "active", "2025-06-03T08:00:00Z", "done");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withTitle(Map<String, Object> event, String title) {
        Map<String, Object> e = new HashMap<>(event);
        Map<String, Object> item = new HashMap<>((Map<String, Object>) e.get("item"));
        item.put("title", title);
        e.put("item", item);
        return e;
    }

    static ValidatableResponse postPerEvent(Object... events) {
        return service().header(ItemEventContract.VERSION_HEADER, ItemEventContract.PER_EVENT_VERSION)
                .contentType(ContentType.JSON).body(Map.of("events", List.of(events)))
                .post("/internal/v1/item-events").then();
    }

    static ValidatableResponse portfolio(String tenant) {
        return as(tenant, Roles.READER).get("/api/v1/portfolio/flow?" + WINDOW).then().statusCode(200);
    }

    @Test
    void oneBadEventInABatchOfThreeIsRefusedAndTheTwoOthersApplied() {
        String tenant = newTenant();
        Map<String, Object> bad = withTitle(done(tenant, "b", "defect"), "t".repeat(ItemEventContract.MAX_TITLE + 1));
        postPerEvent(done(tenant, "a", "feature"), bad, done(tenant, "c", "risk")).statusCode(200)
                .body("accepted", equalTo(2)).body("ignored", equalTo(0))
                .body("refused.index", contains(1))
                .body("refused[0].eventId", equalTo(bad.get("eventId")))
                .body("refused[0].errors.pointer", contains("/events/1/item/title"))
                .body("refused[0].errors[0].detail", containsString("at most 10000 characters"));
        portfolio(tenant).body("total.velocity", equalTo(2))
                .body("byType.feature.velocity", equalTo(1)).body("byType.risk.velocity", equalTo(1))
                .body("byType.defect.velocity", equalTo(0));
    }

    @Test
    void aTitleAtTheLimitIsStoredAndItsCorrectionAppliesAfterARefusal() {
        String tenant = newTenant();
        Map<String, Object> tooLong = withTitle(done(tenant, "a", "defect"), "t".repeat(ItemEventContract.MAX_TITLE + 1));
        postPerEvent(tooLong).statusCode(200).body("accepted", equalTo(0)).body("refused", not(empty()));
        Map<String, Object> corrected = withTitle(upsert(tenant, "a", 2, "c-per-event", "shop", "defect", List.of(),
                "2025-06-01T08:00:00Z", "2025-06-02T08:00:00Z", "active", "2025-06-03T08:00:00Z", "done"),
                "t".repeat(ItemEventContract.MAX_TITLE));
        postPerEvent(corrected).statusCode(200).body("accepted", equalTo(1)).body("refused", empty());
        portfolio(tenant).body("byType.defect.velocity", equalTo(1));
    }

    @Test
    void withoutTheVersionHeaderABatchIsStillAllOrNothing() {
        String tenant = newTenant();
        Map<String, Object> bad = withTitle(done(tenant, "b", "defect"), "t".repeat(ItemEventContract.MAX_TITLE + 1));
        service().contentType(ContentType.JSON).body(Map.of("events", List.of(done(tenant, "a", "feature"), bad)))
                .post("/internal/v1/item-events").then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/events/1/item/title"));
        portfolio(tenant).body("total.velocity", equalTo(0));
    }

    @Test
    void aBrokenEnvelopeIsStillA400WithTheHeader() {
        service().header(ItemEventContract.VERSION_HEADER, ItemEventContract.PER_EVENT_VERSION)
                .contentType(ContentType.JSON).body("{\"events\": 3}").post("/internal/v1/item-events")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/events"));
    }

    @Test
    void anEventTheDatabaseRefusesIsRefusedAloneAndTheOthersApplied() throws SQLException {
        // Stands for a value validation did not foresee: the database refuses items named poison-*.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create or replace function refuse_poison() returns trigger language plpgsql as $$ begin"
                    + " if new.item_id like 'poison%' then raise exception 'refused' using errcode = '22023'; end if;"
                    + " return new; end $$");
            s.execute("create trigger refuse_poison before insert or update on flow_item"
                    + " for each row execute function refuse_poison()");
        }
        try {
            String tenant = newTenant();
            String other = newTenant();
            postPerEvent(done(tenant, "a", "feature"), done(tenant, "poison-1", "defect"), done(other, "x", "debt"))
                    .statusCode(200).body("accepted", equalTo(2)).body("refused.index", contains(1))
                    .body("refused[0].errors[0].pointer", equalTo("/events/1"))
                    .body("refused[0].errors[0].detail", not(containsString("refused'")));
            portfolio(tenant).body("total.velocity", equalTo(1)).body("byType.feature.velocity", equalTo(1));
            portfolio(other).body("total.velocity", equalTo(1));
            // Version 1 relays: the same refusal refuses the batch, and nothing of it stays.
            String third = newTenant();
            service().contentType(ContentType.JSON).body(Map.of("events", List.of(done(third, "a", "feature"),
                    done(third, "poison-2", "defect")))).post("/internal/v1/item-events").then().statusCode(400);
            portfolio(third).body("total.velocity", equalTo(0));
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop trigger refuse_poison on flow_item");
                s.execute("drop function refuse_poison()");
            }
        }
    }
}
