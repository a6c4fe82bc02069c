package io.flowlens.metrics.centricity;

import java.time.ZoneId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.common.problem.ApiException;
import io.flowlens.metrics.centricity.CentricityViews.DimensionScoreView;
import io.flowlens.metrics.centricity.CentricityViews.LinkView;
import io.flowlens.metrics.centricity.CentricityViews.PointView;
import io.flowlens.metrics.centricity.CentricityViews.SeriesNameView;
import io.flowlens.metrics.centricity.CentricityViews.SeriesView;

/**
 * Links value streams (and the portfolio) to assessment organisations and reads the linked
 * organisation's scores as series. metrics keeps every scored assessment the feed brings, linked
 * or not, so a link shows the organisation's whole past at once and an unlink simply hides it.
 */
@ApplicationScoped
public class CentricityService {

    /** The category the series belong to, beside the tenant's business results. */
    public static final String CATEGORY = "customer-centricity";
    /** The series of the index; a dimension's series is its key. */
    public static final String INDEX = "index";
    /** The portfolio spans streams of many zones: its dates are UTC dates. */
    static final java.time.ZoneId UTC = java.time.ZoneId.of("UTC");

    @Inject
    CentricityStore store;

    /** The zone a stream's dates are counted in (404 for no such stream); the portfolio's is UTC. */
    ZoneId zone(String tenantId, UUID valueStreamId) {
        if (valueStreamId == null) {
            return UTC;
        }
        String zone = store.zoneOf(tenantId, valueStreamId);
        if (zone == null) {
            throw ApiException.notFound("value stream", valueStreamId);
        }
        return ZoneId.of(zone);
    }

    @Transactional
    public LinkView link(String tenantId, UUID valueStreamId, UUID organisationId) {
        zone(tenantId, valueStreamId);
        return view(tenantId, store.setLink(tenantId, valueStreamId, organisationId));
    }

    public LinkView get(String tenantId, UUID valueStreamId) {
        zone(tenantId, valueStreamId);
        return view(tenantId, require(tenantId, valueStreamId));
    }

    /** Idempotent: a stream without a link is unlinked already. */
    @Transactional
    public void unlink(String tenantId, UUID valueStreamId) {
        zone(tenantId, valueStreamId);
        store.unlink(tenantId, valueStreamId);
    }

    public SeriesView series(String tenantId, UUID valueStreamId) {
        ZoneId zone = zone(tenantId, valueStreamId);
        CentricityStore.Link link = require(tenantId, valueStreamId);
        List<CentricityStore.Scores> scores = store.scores(tenantId, link.organisationId());
        List<PointView> points = new ArrayList<>();
        for (CentricityStore.Scores s : scores) {
            points.add(new PointView(s.assessmentId(), s.revision(), s.scoredAt(),
                    s.scoredAt().atZone(zone).toLocalDate(), s.questionnaireVersion(), s.index(),
                    s.dimensions().stream().map(d -> new DimensionScoreView(d.key(), d.label(), d.score())).toList()));
        }
        List<SeriesNameView> series = new ArrayList<>();
        if (!scores.isEmpty()) {
            series.add(new SeriesNameView(INDEX, "Customer-centricity index"));
        }
        dimensionLabels(scores).forEach((key, label) -> series.add(new SeriesNameView(key, label)));
        return new SeriesView(CATEGORY, view(link, scores), zone.getId(), series, points);
    }

    /** Each dimension key with its label as of the newest assessment that has it, in first-seen order. */
    static Map<String, String> dimensionLabels(List<CentricityStore.Scores> oldestFirst) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (CentricityStore.Scores s : oldestFirst) {
            s.dimensions().forEach(d -> labels.put(d.key(), d.label()));
        }
        return labels;
    }

    private CentricityStore.Link require(String tenantId, UUID valueStreamId) {
        CentricityStore.Link link = store.link(tenantId, valueStreamId);
        if (link == null) {
            throw new ApiException(404, "not-found", "Not found", valueStreamId == null
                    ? "the portfolio is not linked to an assessment organisation"
                    : "value stream " + valueStreamId + " is not linked to an assessment organisation");
        }
        return link;
    }

    private LinkView view(String tenantId, CentricityStore.Link link) {
        return view(link, store.scores(tenantId, link.organisationId()));
    }

    private static LinkView view(CentricityStore.Link link, List<CentricityStore.Scores> scores) {
        CentricityStore.Scores latest = scores.isEmpty() ? null : scores.get(scores.size() - 1);
        return new LinkView(link.organisationId(), latest == null ? null : latest.organisationName(),
                link.valueStreamId(), link.linkedAt(), scores.size(), latest == null ? null : latest.scoredAt());
    }
}
