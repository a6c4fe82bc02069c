package io.flowlens.ingestion.support;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Jira as the tests play it: signed webhook deliveries and search-result imports, and waiting for what follows. */
public final class Jira {

    public static final String SECRET = "jira-secret-123";

    private Jira() {
    }

    /** A Jira connection of the tenant named {@code name}, signing with {@link #SECRET}. */
    public static String connection(String tenant, String name) {
        return as(tenant, "member").contentType("application/json")
                .body("{\"kind\":\"jira\",\"name\":\"" + name + "\",\"secret\":\"" + SECRET + "\"}")
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");
    }

    /** A webhook delivery as Jira signs it. */
    public static ValidatableResponse webhook(String conn, byte[] body, String delivery) {
        return tracker().header("X-Atlassian-Webhook-Identifier", delivery)
                .header("X-Hub-Signature", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then();
    }

    /** Imports a Jira search-result fixture and waits until its job succeeded. */
    public static void importSearch(String tenant, String conn, String fixture) throws InterruptedException {
        String job = as(tenant, "member").contentType("application/json").body(fixture("jira/" + fixture))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(202).extract().path("id");
        JsonPath j = until(() -> as(tenant, "reader").get("/api/v1/jobs/" + job).then().statusCode(200).extract()
                .jsonPath(), p -> !List.of("queued", "running").contains(p.getString("status")), "import " + job);
        assertEquals("succeeded", j.getString("status"), j.prettify());
    }

    /** Reads until {@code done} holds (20 s at most): for what happens after a commit. */
    public static <T> T until(Supplier<T> read, Predicate<T> done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not reached; last: " + value);
            }
            Thread.sleep(50);
        }
    }
}
