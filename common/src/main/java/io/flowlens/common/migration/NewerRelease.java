package io.flowlens.common.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * What a rollback meets: a schema history holding a migration from a release newer than the
 * running build. Each service's RollbackTest runs its own Flyway against it, so the setting that
 * lets the previous image start ({@code quarkus.flyway.ignore-migration-patterns=*:future}) is
 * checked where it is configured.
 */
public final class NewerRelease {

    /** A version no release of ours will reach. */
    static final String VERSION = "9999";

    /** Something to run against the newer schema history. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private NewerRelease() {
    }

    /** Runs {@code check} while the schema history holds a newer release's migration; removes it after. */
    public static void whileSchemaIsNewer(DataSource db, Check check) throws Exception {
        execute(db, "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) select max(installed_rank) + 1, '" + VERSION + "', 'from a"
                + " newer release', 'SQL', 'V" + VERSION + "__from_a_newer_release.sql', 1, current_user, 1, true"
                + " from flyway_schema_history");
        try {
            check.run();
        } finally {
            execute(db, "delete from flyway_schema_history where version = '" + VERSION + "'");
        }
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
