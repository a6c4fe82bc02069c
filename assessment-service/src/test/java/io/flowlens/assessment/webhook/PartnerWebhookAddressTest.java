package io.flowlens.assessment.webhook;

import static io.flowlens.assessment.support.Api.partner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.flowlens.assessment.support.PartnerReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Callback URLs may not reach into this service's own network: non-public addresses are refused
 * at registration (the test profile allow-lists only 127.0.0.1 and ::1, for the local receiver), a
 * name is connected at the address that was checked while its own name goes in Host, redirects
 * are not followed, and the delivery log says what went wrong in words.
 */
@QuarkusTest
class PartnerWebhookAddressTest {

    @Inject
    AgroalDataSource db;

    @Test
    void nonPublicAddressesAreRefusedAtRegistration() {
        String tenant = Api.newTenant();
        for (String url : List.of("http://127.0.0.2/hooks", "http://10.0.0.7/hooks", "http://172.16.5.4/hooks",
                "http://192.168.1.1/hooks", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/hooks",
                "http://[fc00::1]/hooks", "http://0.0.0.0/hooks", "http://[::]/hooks", "http://224.0.0.1/hooks",
                "http://100.64.0.1/hooks", "http://[::ffff:10.0.0.1]/hooks", "http://2130706434/hooks")) {
            partner(tenant).body(Map.of("url", url)).post("/api/v1/partner-webhooks").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("/url"))
                    .body("errors[0].detail", containsString("callbacks must reach a public address"));
        }
        partner(tenant).body(Map.of("url", "http://user:secret@127.0.0.1/hooks")).post("/api/v1/partner-webhooks").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/url"))
                .body("errors[0].detail", containsString("credentials"));
        assertEquals(0, Db.count(db, "select count(*) from partner_webhook where tenant_id = ?", tenant));
    }

    @Test
    void aNameIsCalledAtItsCheckedAddressWithItsOwnHost() throws Exception {
        try (PartnerReceiver receiver = new PartnerReceiver()) {
            String tenant = Api.newTenant();
            String endpoint = partner(tenant).body(Map.of("url", "http://localhost:" + receiver.port() + "/hooks?from=flowlens"))
                    .post("/api/v1/partner-webhooks").then().statusCode(201).extract().path("id");
            Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(3));
            JsonPath log = PartnerReceiver.settledDelivery(tenant, endpoint);
            assertEquals("delivered", log.getString("items[0].status"), log.prettify());
            assertEquals(1, receiver.received().size(), () -> log.prettify() + receiver.received());
            assertEquals("localhost:" + receiver.port(), receiver.received().get(0).headers().get("host").get(0));
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (PartnerReceiver receiver = new PartnerReceiver()) {
            String tenant = Api.newTenant();
            String endpoint = partner(tenant).body(Map.of("url", "http://127.0.0.1:" + receiver.port() + "/redirect"))
                    .post("/api/v1/partner-webhooks").then().statusCode(201).extract().path("id");
            Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(3));
            JsonPath log = PartnerReceiver.settledDelivery(tenant, endpoint);
            assertEquals("failed", log.getString("items[0].status"), log.prettify());
            assertEquals(Integer.valueOf(302), log.<Integer>get("items[0].lastStatus"), log.prettify());
            assertTrue(log.getString("items[0].lastError").contains("redirects are not followed"));
            assertTrue(receiver.received().stream().allMatch(r -> r.path().equals("/redirect")), "only the URL itself is called");
        }
    }

    @Test
    void aFailedAttemptIsDescribedInWordsNotJavaClasses() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String tenant = Api.newTenant();
        String endpoint = partner(tenant).body(Map.of("url", "http://127.0.0.1:" + closedPort + "/hooks"))
                .post("/api/v1/partner-webhooks").then().statusCode(201).extract().path("id");
        Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(3));
        String error = PartnerReceiver.settledDelivery(tenant, endpoint).getString("items[0].lastError");
        assertEquals("the connection was refused", error);
        assertFalse(error.contains("java."));
    }
}
