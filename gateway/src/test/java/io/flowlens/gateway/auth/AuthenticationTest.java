package io.flowlens.gateway.auth;

import static io.flowlens.gateway.support.Gateway.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call: API keys (both headers), OIDC JWTs with tenant and role claims, nobody else. */
@QuarkusTest
class AuthenticationTest {

    static final String ISSUER = "https://login.example.test";
    static final IdentityToken IDENTITY = new IdentityToken("dev-only-identity-secret-change-me-0123456789");

    @Test
    void withoutCredentialsItIs401ProblemJson() {
        Gateway.control("reset");
        given().get("/api/v1/value-streams")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://flowlens.io/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("detail", startsWith("this call needs an API key"));
        assertEquals("0", Gateway.control("hits/metrics"), "nothing reached the service");
    }

    @Test
    void unknownOrMalformedKeysAreRefused() {
        as("flk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/api/v1/items")
                .then().statusCode(401).body("detail", equalTo("the API key is not valid"));
        as("not-a-key").get("/api/v1/items").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/items").then().statusCode(401);
    }

    @Test
    void anApiKeyWorksInEitherHeader() {
        TestTenant tenant = Gateway.newTenant("Headers");
        String key = Gateway.newKey(tenant, "reader").getString("key");
        as(key).get("/api/v1/items").then().statusCode(200);
        given().header("X-API-Key", key).get("/api/v1/items").then().statusCode(200)
                .body("apiKey", equalTo(null)).body("authorization", equalTo(null));
    }

    @Test
    void anOidcTokenIsMappedToTenantAndRole() {
        String token = Gateway.oidcToken(ISSUER, "tenant-from-idp", "member", 300);
        String identity = as(token).get("/api/v1/connections").then().statusCode(200).extract().path("identity");
        Caller caller = IDENTITY.verify(identity).orElseThrow();
        assertEquals("tenant-from-idp", caller.tenantId());
        assertEquals("member", caller.role());
        assertEquals("oidc:user-42", caller.subject());
        // The role from the token is enforced like a key's.
        as(Gateway.oidcToken(ISSUER, "tenant-from-idp", "reader", 300)).post("/api/v1/connections")
                .then().statusCode(403);
    }

    @Test
    void oidcTokensThatDoNotCheckOutAreRefused() {
        as(Gateway.oidcToken("https://evil.example", "t", "member", 300)).get("/api/v1/items").then().statusCode(401);
        as(Gateway.oidcToken(ISSUER, "t", "member", -120)).get("/api/v1/items").then().statusCode(401)
                .body("detail", equalTo("the bearer token is not valid: it has expired"));
        as(Gateway.oidcToken(ISSUER, null, "member", 300)).get("/api/v1/items").then().statusCode(401)
                .body("detail", equalTo("the bearer token has no 'flowlens_tenant' claim"));
        as(Gateway.oidcToken(ISSUER, "t", "platform", 300)).get("/api/v1/items").then().statusCode(401);
        // A token signed with the gateway's own identity secret is not an OIDC token.
        String forged = IDENTITY.sign(new Caller("t", "admin", "me", null), Duration.ofMinutes(1));
        as(forged).get("/api/v1/items").then().statusCode(401);
    }
}
