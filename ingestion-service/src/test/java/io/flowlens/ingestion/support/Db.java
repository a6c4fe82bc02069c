package io.flowlens.ingestion.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;

/** Counts rows straight from the database, to prove what was (not) stored. */
public final class Db {

    private Db() {
    }

    public static long count(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as text (null when there is no row). */
    public static String string(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long rawEvents(AgroalDataSource ds, String connectionId) {
        return count(ds, "select count(*) from raw_event where connection_id = ?::uuid", connectionId);
    }

    public static long items(AgroalDataSource ds, String connectionId) {
        return count(ds, "select count(*) from item where connection_id = ?::uuid", connectionId);
    }
}
