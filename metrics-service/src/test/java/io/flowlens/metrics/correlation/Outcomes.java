package io.flowlens.metrics.correlation;

import static io.flowlens.metrics.Fixtures.as;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.Fixtures;
import io.restassured.http.ContentType;

/**
 * What the correlation HTTP tests share: items completed when a test says, result points, the
 * answer as a tree, and a deliberately naive second implementation of the coefficients written
 * from the definition (textbook sums, ranks by counting).
 */
final class Outcomes {

    /** A Monday: week 0 of every dataset. */
    static final LocalDate W0 = LocalDate.of(2025, 1, 6);
    static final ObjectMapper JSON = new ObjectMapper();

    private Outcomes() {
    }

    /** Items completed on the Wednesday of week i at noon UTC, counts[i] of them, each 1 h in flow (none in the load at a day end). */
    static void completions(String tenant, String project, int... counts) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int week = 0; week < counts.length; week++) {
            for (int k = 0; k < counts[week]; k++) {
                Instant done = W0.plusWeeks(week).plusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC).plusSeconds(k);
                events.add(item(tenant, project, project + "-" + week + "-" + k, "feature", done, 3_600, 1_800));
            }
        }
        post(events);
    }

    /**
     * One item: created two hours before its work start, active for {@code activeSeconds}, then
     * waiting, done {@code flowSeconds} after its work start.
     */
    static Map<String, Object> item(String tenant, String project, String id, String type, Instant done,
            long flowSeconds, long activeSeconds) {
        Instant start = done.minusSeconds(flowSeconds);
        return Fixtures.upsert(tenant, id, 1, "c1", project, type, List.of(), start.minusSeconds(7_200).toString(),
                start.toString(), "active", start.plusSeconds(activeSeconds).toString(), "waiting", done.toString(),
                "done");
    }

    @SuppressWarnings("unchecked")
    static void post(List<Map<String, Object>> events) {
        for (int i = 0; i < events.size(); i += 500) {
            Fixtures.post(events.subList(i, Math.min(events.size(), i + 500)).toArray(Map[]::new));
        }
    }

    static String stream(String tenant, String project, String zone) {
        String id = Fixtures.valueStream(tenant, "Stream " + project, zone, List.of(Fixtures.scope("c1", project)));
        Fixtures.awaitDayCounts(tenant, id);
        return id;
    }

    static void point(String tenant, String stream, String category, LocalDate date, double value) {
        Map<String, Object> p = new HashMap<>();
        p.put("category", category);
        p.put("date", date.toString());
        p.put("value", value);
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(p)
                .post("/api/v1/value-streams/" + stream + "/results").then().statusCode(201);
    }

    /** One point on the Thursday of each week i whose value is not NaN. */
    static void weekly(String tenant, String stream, String category, double... values) {
        for (int week = 0; week < values.length; week++) {
            if (!Double.isNaN(values[week])) {
                point(tenant, stream, category, W0.plusWeeks(week).plusDays(3), values[week]);
            }
        }
    }

    static JsonNode get(String tenant, String path) {
        String body = as(tenant, Roles.READER).get(path).then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static double[] doubles(JsonNode pairs, String field) {
        double[] out = new double[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pairs.get(i).get(field).asDouble();
        }
        return out;
    }

    // --- the naive second implementation -------------------------------------------------------

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }
        return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    }

    /** Rank = 1 + how many are smaller + half of the others equal to it (the mean of the tied ranks). */
    static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int less = 0;
            int equal = 0;
            for (double w : v) {
                less += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = 1 + less + (equal - 1) / 2.0;
        }
        return r;
    }

    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    static double[] fisher(double r, int n) {
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double h = 1.96 / Math.sqrt(n - 3);
        return new double[] { Math.tanh(z - h), Math.tanh(z + h) };
    }

    static double round4(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
