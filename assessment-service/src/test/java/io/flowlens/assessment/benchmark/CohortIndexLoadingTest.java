package io.flowlens.assessment.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.flowlens.assessment.support.Db;

/**
 * The cohort index is "not loaded" until one full read has succeeded: a database that cannot be
 * reached at start-up leaves it so (no figures, readiness DOWN) instead of failing the service or
 * answering from an empty index; the background retry loads it once the database is back, and a
 * later outage keeps what was read. Against the real test database and a port nothing listens on.
 */
class CohortIndexLoadingTest {

    private static final String DB = System.getenv().getOrDefault("FLOWLENS_TEST_DB", "flowlens_assessment_test");
    private static final String HOST = System.getenv().getOrDefault("FLOWLENS_DB_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("FLOWLENS_DB_PORT", "5432"));

    /** A version of its own, so no other test's cohorts and no other test's rows meet these. */
    private final String version = "loading-test-" + UUID.randomUUID();

    private static PGSimpleDataSource database(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {HOST});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(DB);
        ds.setUser(System.getenv().getOrDefault("FLOWLENS_DB_USER", "flowlens"));
        ds.setPassword(System.getenv().getOrDefault("FLOWLENS_DB_PASSWORD", "flowlens"));
        ds.setConnectTimeout(2);
        return ds;
    }

    private static final PGSimpleDataSource REACHABLE = database(PORT);
    private static final PGSimpleDataSource UNREACHABLE = database(1);

    @BeforeAll
    static void schema() {
        // The service's own migrations: this test may run before any Quarkus test has migrated the database.
        Flyway.configure().dataSource(REACHABLE).locations("classpath:db/migration").load().migrate();
    }

    @AfterEach
    void forgetRows() {
        Db.execute(REACHABLE, "delete from latest_score where questionnaire_version = ?", version);
    }

    private void score(String industry, short overall, short dimension) {
        Db.execute(REACHABLE, "insert into latest_score (organisation_id, questionnaire_version, industry, size_band,"
                + " region, assessment_id, assessed_at, scores) values (?, ?, ?, '1-49', 'europe', ?, now(),"
                + " cast(? as smallint[]))", UUID.randomUUID(), version, industry, UUID.randomUUID(),
                "{" + overall + "," + dimension + "}");
    }

    private static CohortIndex index(PGSimpleDataSource ds) {
        CohortIndex index = new CohortIndex();
        index.dataSource = ds;
        return index;
    }

    private static String readiness(CohortIndex index) {
        CohortIndexReadiness check = new CohortIndexReadiness();
        check.index = index;
        return check.call().getStatus().name();
    }

    @Test
    void unreachableAtStartItIsNotLoadedAndGivesNoFigures() {
        score("retail", (short) 500, (short) 600);
        CohortIndex index = index(UNREACHABLE);

        index.background("load"); // what start-up does: no exception, the service starts
        index.poll(); // and the background retry, still unreachable

        assertFalse(index.loaded());
        assertEquals(HealthCheckResponse.Status.DOWN.name(), readiness(index));
        UUID someone = UUID.randomUUID();
        assertThrows(CohortIndex.NotLoaded.class, () -> index.others(version, Cohort.EVERYONE, someone, 2));
        assertThrows(CohortIndex.NotLoaded.class, () -> index.othersCount(version, Cohort.EVERYONE, someone));
        assertThrows(CohortIndex.NotLoaded.class, () -> index.organisations(version));
        index.catchUp(); // a no-op until loaded (the full read will see every change)
        assertFalse(index.loaded());
    }

    @Test
    void theBackgroundRetryLoadsItOnceTheDatabaseIsBackAndAnOutageKeepsWhatWasRead() {
        score("retail", (short) 500, (short) 600);
        score("retail", (short) 700, (short) 800);
        score("banking", (short) 300, (short) 100);
        CohortIndex index = index(UNREACHABLE);
        index.background("load");
        assertFalse(index.loaded());

        index.dataSource = REACHABLE; // PostgreSQL is back
        index.poll();

        assertTrue(index.loaded());
        assertEquals(HealthCheckResponse.Status.UP.name(), readiness(index));
        UUID someone = UUID.randomUUID();
        CohortIndex.Others everyone = index.others(version, Cohort.EVERYONE, someone, 2);
        assertEquals(3, everyone.others());
        assertEquals(2, index.othersCount(version, new Cohort("retail", null, null), someone));
        assertEquals(List.of(300, 500, 700), sortedTenths(everyone, 0));

        // A later outage: reads fail quietly, the figures read stay (no empty index, no exception).
        index.dataSource = UNREACHABLE;
        index.poll();
        index.periodicReload();
        assertTrue(index.loaded());
        assertEquals(3, index.othersCount(version, Cohort.EVERYONE, someone));

        // Back again: changes made meanwhile are caught up by seq.
        score("banking", (short) 900, (short) 900);
        index.dataSource = REACHABLE;
        index.poll();
        assertEquals(4, index.othersCount(version, Cohort.EVERYONE, someone));
    }

    /** A cohort's smallest, median and largest score, in tenths. */
    private static List<Integer> sortedTenths(CohortIndex.Others others, int score) {
        var d = others.distributions()[score];
        return List.of(tenths(d.quantile(0.0)), tenths(d.quantile(0.5)), tenths(d.quantile(1.0)));
    }

    private static int tenths(java.math.BigDecimal score) {
        return score.movePointRight(1).intValueExact();
    }
}
