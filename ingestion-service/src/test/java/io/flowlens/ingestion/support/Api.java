package io.flowlens.ingestion.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What every HTTP test needs: identities as the gateway signs them, fixtures, tracker signatures. */
public final class Api {

    public static final String SECRET = "dev-only-identity-secret-change-me-0123456789";
    private static final IdentityToken TOKENS = new IdentityToken(SECRET);

    private Api() {
    }

    public static String newTenant() {
        return UUID.randomUUID().toString();
    }

    /** A request as the gateway forwards it for a tenant's caller with {@code role}. */
    public static RequestSpecification as(String tenantId, String role) {
        return given().header(IdentityToken.HEADER,
                TOKENS.sign(new Caller(tenantId, role, "test-" + role, null), Duration.ofMinutes(5)));
    }

    /** A tracker delivery as the gateway forwards it: role webhook, no tenant. */
    public static RequestSpecification tracker() {
        return given().header(IdentityToken.HEADER,
                TOKENS.sign(new Caller(null, "webhook", "gateway-webhook", null), Duration.ofMinutes(5)));
    }

    /** A call from another Flowlens service (role service, no tenant), such as the gateway erasing a tenant. */
    public static RequestSpecification service() {
        return given().header(IdentityToken.HEADER,
                TOKENS.sign(new Caller(null, "service", "gateway", null), Duration.ofMinutes(5)));
    }

    /** Registers a connection and returns its id. */
    public static String connection(String tenantId, String kind, String secret) {
        return as(tenantId, "member").contentType(ContentType.JSON)
                .body("{\"kind\":\"" + kind + "\",\"name\":\"" + kind + " test\",\"secret\":\"" + secret + "\"}")
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");
    }

    public static byte[] fixture(String path) {
        try (InputStream in = Api.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
