package io.flowlens.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Reads a service's end-to-end database directly, to check what no API shows (delivery counts). */
final class Databases {

    private Databases() {
    }

    static Map<String, Long> longs(Suite.Service service, String sql, String tenant) {
        String url = "jdbc:postgresql://127.0.0.1:5432/" + service.database();
        try (Connection c = DriverManager.getConnection(url, "flowlens", "flowlens");
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, tenant);
            Map<String, Long> rows = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
