package io.flowlens.metrics.correlation;

import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.correlation.Outcomes.W0;
import static io.flowlens.metrics.correlation.Outcomes.get;
import static io.flowlens.metrics.correlation.Outcomes.item;
import static io.flowlens.metrics.correlation.Outcomes.stream;
import static io.flowlens.metrics.correlation.Outcomes.weekly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The flow side of a correlation is the /flow series of the same window, bucket for bucket, in
 * the stream's time zone: velocity, flow time p50 and p85, efficiency and mean load as /flow shows
 * them, and a type's share as its completions over the bucket's.
 */
@QuarkusTest
class FlowSeriesFromFlowRulesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void everyFlowMetricOfAPairIsTheFlowSeriesValueOfItsWeek() {
        String tenant = newTenant();
        String stream = stream(tenant, "m", "Europe/Berlin");
        List<Map<String, Object>> events = new ArrayList<>();
        int[] features = new int[8];
        int[] defects = new int[8];
        for (int week = 0; week < 8; week++) {
            features[week] = week % 3 + 1;
            defects[week] = week % 2;
            for (int k = 0; k < features[week] + defects[week]; k++) {
                // Done on the week's Wednesday at 12:00 in Berlin; days in flow vary, so the load spans day ends.
                Instant done = W0.plusWeeks(week).plusDays(2).atTime(12, 0).atZone(BERLIN).toInstant().plusSeconds(k);
                long flow = 86_400L * (1 + (week * 3 + k) % 5) + 3_600L * k;
                events.add(item(tenant, "m", "m-" + week + "-" + k, k < features[week] ? "feature" : "defect", done,
                        flow, flow / (2 + k)));
            }
        }
        Outcomes.post(events);
        weekly(tenant, stream, "happiness", 3, 1, 4, 1, 5, 9, 2, 6);
        String window = "from=" + W0 + "&to=" + W0.plusWeeks(8);
        JsonNode series = get(tenant, "/api/v1/value-streams/" + stream + "/flow?bucket=week&" + window)
                .at("/series/points");
        assertEquals(8, series.size());
        Map<String, String> fields = Map.of("velocity", "/velocity", "flowTimeP50", "/flowTime/p50Days",
                "flowTimeP85", "/flowTime/p85Days", "efficiency", "/efficiencyPercent", "loadMean", "/load/mean");
        String base = "/api/v1/value-streams/" + stream + "/correlation?category=happiness&" + window + "&flow=";
        fields.forEach((metric, pointer) -> {
            JsonNode pairs = get(tenant, base + metric).get("pairs");
            assertEquals(8, pairs.size(), metric);
            for (int i = 0; i < 8; i++) {
                assertEquals(series.get(i).at(pointer).asDouble(), pairs.get(i).get("flow").asDouble(), metric + " " + i);
            }
        });
        JsonNode share = get(tenant, base + "distribution&flowType=defect");
        assertEquals("distribution.defect", share.at("/flow/name").asText());
        assertEquals("percent", share.at("/flow/unit").asText());
        for (int i = 0; i < 8; i++) {
            double expected = Math.round(10_000.0 * defects[i] / (features[i] + defects[i])) / 100.0;
            assertEquals(expected, share.at("/pairs/" + i + "/flow").asDouble(), "defect share, week " + i);
        }
        // The load really was sampled: items span day ends.
        assertEquals(true, series.get(3).at("/load/mean").asDouble() > 0);
        assertEquals("Europe/Berlin", share.at("/window/timeZone").asText());
        assertEquals(W0.atStartOfDay(BERLIN).toInstant().toString(), share.at("/window/from").asText());
    }
}
