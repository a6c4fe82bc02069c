package io.flowlens.metrics.centricity;

import java.time.ZoneId;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.metrics.outcome.ResultPoint;
import io.flowlens.metrics.outcome.ResultPointSource;

/**
 * Serves the category {@code customer-centricity} to correlations: series {@code index} and one
 * per dimension key, of the organisation linked to the stream (or to the portfolio). A point's
 * date is its assessment's scored-at instant as a local date of the stream's time zone (UTC for
 * the portfolio). Without a link, or for a stream the tenant does not have, there are no points.
 */
@ApplicationScoped
public class CustomerCentricitySource implements ResultPointSource {

    static final String UNIT = "score (0-100)";
    /** The portfolio spans streams of many zones: its dates are UTC dates. */
    static final java.time.ZoneId UTC = java.time.ZoneId.of("UTC");

    @Inject
    CentricityStore store;

    @Override
    public boolean serves(String category) {
        return CentricityService.CATEGORY.equals(category);
    }

    @Override
    public List<ResultPoint> points(String tenantId, UUID valueStreamId, String category, String series) {
        if (!serves(category)) {
            return List.of();
        }
        ZoneId zone = zone(tenantId, valueStreamId);
        CentricityStore.Link link = zone == null ? null : store.link(tenantId, valueStreamId);
        if (link == null) {
            return List.of();
        }
        String key = series == null ? CentricityService.INDEX : series;
        List<ResultPoint> out = new ArrayList<>();
        for (CentricityStore.Scores s : store.scores(tenantId, link.organisationId())) {
            var date = s.scoredAt().atZone(zone).toLocalDate();
            if (CentricityService.INDEX.equals(key)) {
                out.add(new ResultPoint(date, s.index()));
            } else {
                s.dimensions().stream().filter(d -> d.key().equals(key)).findFirst()
                        .ifPresent(d -> out.add(new ResultPoint(date, d.score())));
            }
        }
        return out;
    }

    @Override
    public List<SeriesName> available(String tenantId, UUID valueStreamId) {
        CentricityStore.Link link = zone(tenantId, valueStreamId) == null ? null : store.link(tenantId, valueStreamId);
        if (link == null) {
            return List.of();
        }
        List<CentricityStore.Scores> scores = store.scores(tenantId, link.organisationId());
        if (scores.isEmpty()) {
            return List.of();
        }
        List<SeriesName> out = new ArrayList<>();
        out.add(new SeriesName(CentricityService.CATEGORY, CentricityService.INDEX, "Customer-centricity index", UNIT, true));
        CentricityService.dimensionLabels(scores).forEach((key, label) -> out.add(
                new SeriesName(CentricityService.CATEGORY, key, "Customer-centricity: " + label, UNIT, true)));
        return out;
    }

    private ZoneId zone(String tenantId, UUID valueStreamId) {
        if (valueStreamId == null) {
            return UTC;
        }
        String zone = store.zoneOf(tenantId, valueStreamId);
        return zone == null ? null : ZoneId.of(zone);
    }
}
