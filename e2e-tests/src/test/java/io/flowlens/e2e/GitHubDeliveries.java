package io.flowlens.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

/**
 * GitHub {@code issues} deliveries built from the real payloads ingestion's tests keep as
 * fixtures, re-numbered and re-dated, signed as GitHub signs them, sent through the gateway.
 */
final class GitHubDeliveries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String connectionId;
    private final String secret;
    private final String repository;

    GitHubDeliveries(String connectionId, String secret, String repository) {
        this.connectionId = connectionId;
        this.secret = secret;
        this.repository = repository;
    }

    Response opened(int number, Instant createdAt) {
        return send("issues-opened.json", number, createdAt, createdAt, null);
    }

    Response closed(int number, Instant createdAt, Instant closedAt) {
        return send("issues-closed.json", number, createdAt, closedAt, closedAt);
    }

    /**
     * A closed issue delivered through the given gateway under the given delivery id: the same id
     * twice is a redelivery, as GitHub's "Redeliver" button sends it.
     */
    Response closedVia(String gatewayUrl, String deliveryId, int number, Instant createdAt, Instant closedAt) {
        return send(gatewayUrl, deliveryId, "issues-closed.json", number, createdAt, closedAt, closedAt);
    }

    /** A closed issue with the given title (a large one makes a large item event). */
    Response closedVia(String gatewayUrl, String deliveryId, int number, Instant createdAt, Instant closedAt,
            String title) {
        return send(gatewayUrl, deliveryId, "issues-closed.json", number, createdAt, closedAt, closedAt, title);
    }

    private Response send(String fixture, int number, Instant createdAt, Instant updatedAt, Instant closedAt) {
        return send(Suite.Service.GATEWAY.url(), UUID.randomUUID().toString(), fixture, number, createdAt, updatedAt,
                closedAt);
    }

    private Response send(String gatewayUrl, String deliveryId, String fixture, int number, Instant createdAt,
            Instant updatedAt, Instant closedAt) {
        return send(gatewayUrl, deliveryId, fixture, number, createdAt, updatedAt, closedAt, null);
    }

    private Response send(String gatewayUrl, String deliveryId, String fixture, int number, Instant createdAt,
            Instant updatedAt, Instant closedAt, String title) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(Files.readString(fixtures().resolve(fixture)));
            ObjectNode issue = (ObjectNode) body.get("issue");
            issue.put("number", number);
            issue.put("id", 900_000L + number);
            issue.put("node_id", "I_e2e_" + repository.replace('/', '_') + "_" + number);
            issue.put("created_at", createdAt.toString());
            issue.put("updated_at", updatedAt.toString());
            if (closedAt != null) {
                issue.put("closed_at", closedAt.toString());
            }
            if (title != null) {
                issue.put("title", title);
            }
            issue.put("repository_url", "https://api.github.com/repos/" + repository);
            ((ObjectNode) body.get("repository")).put("full_name", repository);
            byte[] bytes = JSON.writeValueAsBytes(body);
            return io.restassured.RestAssured.given().baseUri(gatewayUrl)
                    .header("X-GitHub-Event", "issues")
                    .header("X-GitHub-Delivery", deliveryId)
                    .header("X-Hub-Signature-256", "sha256=" + hmac(bytes))
                    .contentType("application/json")
                    .body(bytes)
                    .post("/api/v1/webhooks/" + connectionId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path fixtures() {
        return Path.of(System.getProperty("flowlens.root", "..")).resolve(
                "ingestion-service/src/test/resources/fixtures/github");
    }
}
