package io.flowlens.assessment.feed;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The feed on its Kafka transport with no broker to reach: submissions go on, the event stays in
 * the outbox with the reason and a retry scheduled (nothing is deleted without an acknowledgement,
 * nothing falls back to HTTP), and readiness stays UP naming the transport. (Its own Quarkus start:
 * it uses no stand-in metrics, whose port the other tests' application holds.) What a broker does with
 * the records is e2e's KafkaTransportIT.
 */
@QuarkusTest
@TestProfile(FeedOverKafkaBrokerAwayTest.KafkaWithoutBroker.class)
class FeedOverKafkaBrokerAwayTest {

    public static class KafkaWithoutBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1: nothing listens there, so every connection is refused at once.
            return Map.of("flowlens.assessment.feed.transport", "kafka",
                    "%test.flowlens.assessment.feed.kafka.bootstrap-servers", "127.0.0.1:1",
                    "flowlens.assessment.feed.request-timeout", "2s");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void withoutABrokerTheEventWaitsInTheOutboxWithTheReason() throws Exception {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        Api.submit(tenant, org, Api.scoring(3));

        // The reason names Kafka: the relay did not fall back to HTTP (whose failure names metrics-service).
        MetricsFeedTest.await("a failed publication recorded", () -> Db.count(db, "select count(*) from metrics_outbox"
                + " where tenant_id = ? and attempts > 0 and last_error like 'Kafka%'", tenant) == 1);
        assertEquals(0, Db.count(db, "select count(*) from metrics_parked_event where tenant_id = ?", tenant));
        io.restassured.RestAssured.given().port(ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class)).get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'metrics feed' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'metrics feed' }.data.transport", equalTo("kafka"))
                .body("checks.find { it.name == 'metrics feed' }.data.lastError", containsString("Kafka"));
    }
}
