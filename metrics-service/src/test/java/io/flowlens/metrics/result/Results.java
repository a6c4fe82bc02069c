package io.flowlens.metrics.result;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.scope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.Fixtures;
import io.restassured.http.ContentType;

/** What the business-result HTTP tests share: a stream, a category, a point, counting rows. */
final class Results {

    private Results() {
    }

    static String stream(String tenant) {
        return Fixtures.valueStream(tenant, "Checkout", "Europe/Berlin", List.of(scope("c1", "shop")));
    }

    static String results(String stream) {
        return "/api/v1/value-streams/" + stream + "/results";
    }

    static Map<String, Object> point(String category, String date, Object value, String note) {
        Map<String, Object> p = new HashMap<>();
        p.put("category", category);
        p.put("date", date);
        p.put("value", value);
        if (note != null) {
            p.put("note", note);
        }
        return p;
    }

    /** Adds a point as a member and returns its id. */
    static String add(String tenant, String stream, String category, String date, double value) {
        return as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(point(category, date, value, null))
                .post(results(stream)).then().statusCode(201).extract().path("id");
    }

    static void category(String tenant, String name, boolean higherIsBetter) {
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", name, "label", name.toUpperCase(), "higherIsBetter", higherIsBetter))
                .post("/api/v1/result-categories").then().statusCode(201);
    }

    static long rows(DataSource dataSource, String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long points(DataSource dataSource, String tenant) throws SQLException {
        return rows(dataSource, "select count(*) from business_result where tenant_id = ?", tenant);
    }
}
