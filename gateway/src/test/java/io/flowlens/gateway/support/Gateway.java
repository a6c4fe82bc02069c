package io.flowlens.gateway.support;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What tests do through the gateway: create tenants and keys, sign OIDC tokens, steer the stand-ins. */
public final class Gateway {

    public static final String PLATFORM_KEY = "flk_test_platform_key_0123456789abcdefghijklmnop";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Gateway() {
    }

    /** A tenant and its first admin key. */
    public record TestTenant(String id, String adminKey) {
    }

    public static TestTenant newTenant(String name) {
        JsonPath created = given().header("Authorization", "Bearer " + PLATFORM_KEY).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}")
                .post("/api/v1/tenants").then().statusCode(201).extract().jsonPath();
        return new TestTenant(created.getString("tenant.id"), created.getString("adminKey.key"));
    }

    public static TestTenant newTenantWithLimit(String name, int capacity, double refillPerSecond) {
        JsonPath created = given().header("Authorization", "Bearer " + PLATFORM_KEY).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"rateLimit\":{\"capacity\":" + capacity + ",\"refillPerSecond\":"
                        + refillPerSecond + "}}")
                .post("/api/v1/tenants").then().statusCode(201).extract().jsonPath();
        return new TestTenant(created.getString("tenant.id"), created.getString("adminKey.key"));
    }

    /** A new key of the tenant with the role; returns the JSON of the created key. */
    public static JsonPath newKey(TestTenant tenant, String role) {
        return given().header("Authorization", "Bearer " + tenant.adminKey()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + role + " key\",\"role\":\"" + role + "\"}")
                .post("/api/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(201).extract().jsonPath();
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /** An OIDC access token signed with the test provider's private key. */
    public static String oidcToken(String issuer, String tenant, String role, long expiresInSeconds) {
        try {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(
                    Files.readString(Path.of(System.getProperty(StandInServices.OIDC_PRIVATE_PROPERTY))));
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setSubject("user-42");
            claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + expiresInSeconds));
            claims.setIssuedAtToNow();
            if (tenant != null) {
                claims.setClaim("flowlens_tenant", tenant);
            }
            if (role != null) {
                claims.setClaim("flowlens_role", role);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a command to the stand-ins' control server (stop/ingestion, slow/jobs?times=1, reset, hits/metrics). */
    public static String control(String command) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(System.getProperty(StandInServices.CONTROL_PROPERTY)
                    + "/" + command)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
