package io.flowlens.ingestion.backfill;

import static io.flowlens.ingestion.support.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/** What an import's job could not write is refused before it starts (400 naming the line); nothing is kept. */
@QuarkusTest
class ImportHygieneTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void anInstantTheDatabaseCannotStoreIsRefusedNamingItsLine() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        String file = "{\"kind\":\"item\",\"id\":\"A-1\",\"title\":\"fine\",\"createdAt\":\"2024-01-02T09:00:00Z\"}\n"
                + "{\"kind\":\"transition\",\"item\":\"A-1\",\"at\":\"+294277-01-01T00:00:00Z\",\"status\":\"Done\"}\n";
        as(tenant, "member").contentType("application/x-ndjson").body(file.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem(startsWith("/2")));
        assertEquals(0, Db.count(ds, "select count(*) from job where connection_id = ?::uuid", conn));
        assertEquals(0, Db.items(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from import_file where connection_id = ?::uuid", conn));
    }
}
