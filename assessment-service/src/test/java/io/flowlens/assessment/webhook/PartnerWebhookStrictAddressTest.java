package io.flowlens.assessment.webhook;

import static io.flowlens.assessment.support.Api.partner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.flowlens.assessment.support.PartnerReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The production rules: no allow-list and https required. Loopback is refused at registration,
 * and an endpoint whose name resolves to loopback when a delivery is due (here: stored as if its
 * name had pointed elsewhere at registration) is never connected to; its delivery is failed with
 * the reason.
 */
@QuarkusTest
@TestProfile(PartnerWebhookStrictAddressTest.ProductionCallbackRules.class)
class PartnerWebhookStrictAddressTest {

    public static class ProductionCallbackRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.flowlens.assessment.webhooks.allowed-hosts", "",
                    "%test.flowlens.assessment.webhooks.require-https", "true");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void loopbackAndPlainHttpAreRefusedAtRegistration() {
        String tenant = Api.newTenant();
        partner(tenant).body(Map.of("url", "https://127.0.0.1:8443/hooks")).post("/api/v1/partner-webhooks").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/url"))
                .body("errors[0].detail", equalTo("127.0.0.1 is a loopback address; callbacks must reach a public address"));
        partner(tenant).body(Map.of("url", "https://localhost/hooks")).post("/api/v1/partner-webhooks").then()
                .statusCode(400).body("errors[0].detail", containsString("loopback"));
        partner(tenant).body(Map.of("url", "http://partner.example.com/hooks")).post("/api/v1/partner-webhooks").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/url"))
                .body("errors[0].detail", equalTo("must be an https URL"));
        assertEquals(0, Db.count(db, "select count(*) from partner_webhook where tenant_id = ?", tenant));
    }

    @Test
    void aNameThatResolvesToLoopbackAtDeliveryIsNotCalled() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(0));
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        listener.accept().close();
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            String tenant = Api.newTenant();
            UUID endpoint = UUID.randomUUID();
            Db.execute(db, "insert into partner_webhook (id, tenant_id, url, secret, enabled, created_at) values (?, ?, ?, ?, true, ?)",
                    endpoint, tenant, "https://localhost:" + listener.getLocalPort() + "/hooks", WebhookSignature.newSecret(),
                    Timestamp.from(Instant.now()));
            Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(3));

            JsonPath log = PartnerReceiver.settledDelivery(tenant, endpoint.toString());
            assertEquals("failed", log.getString("items[0].status"));
            assertEquals(1, log.getInt("items[0].attempts"));
            String reason = log.getString("items[0].lastError");
            assertTrue(reason.startsWith("not called: localhost (") && reason.contains("loopback"), reason);
            assertEquals(0, connections.get(), "nothing connected to the loopback address");
        }
    }
}
