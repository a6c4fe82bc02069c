package io.flowlens.metrics.result;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.paging.Cursor;
import io.flowlens.metrics.paging.Page;
import io.flowlens.metrics.valuestream.ValueStreamService;

/**
 * A value stream's business-result points: one at a time, or many in an upload that is all or
 * nothing. Another tenant's stream is "not found", like every id of another tenant.
 */
@ApplicationScoped
public class ResultService {

    @Inject
    ResultStore store;

    @Inject
    ValueStreamService streams;

    @Inject
    ResultsConfig config;

    public Page<PointView> list(String tenantId, UUID streamId, String category, String from, String to, String cursor,
            Integer limit) {
        streams.find(tenantId, streamId);
        int size = Cursor.limit(limit);
        LocalDate start = dateParameter("from", from);
        LocalDate end = dateParameter("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badParameter("from", "must be before to (the period is [from, to))");
        }
        String only = category == null || category.isEmpty() ? null : category;
        if (only != null && ResultCategory.builtIn(only) == null && store.category(tenantId, only) == null) {
            throw ApiException.unprocessable("unknown category '" + PointRules.shown(only) + "'",
                    List.of(new Problem.FieldError("category", "unknown category '" + PointRules.shown(only)
                            + "': not built-in and not one the tenant defined")));
        }
        Cursor after = Cursor.decode(cursor);
        LocalDate afterDate = null;
        UUID afterId = null;
        if (after != null) {
            try {
                afterId = UUID.fromString(after.id());
                afterDate = LocalDate.ofInstant(after.at(), ZoneOffset.UTC);
            } catch (RuntimeException e) {
                throw ApiException.badParameter("cursor", "not a cursor this list issued");
            }
            if (afterDate.getYear() < PointRules.MIN_YEAR || afterDate.getYear() > PointRules.MAX_YEAR) {
                throw ApiException.badParameter("cursor", "not a cursor this list issued");
            }
        }
        List<PointView> rows = store.points(tenantId, streamId, only, start, end, afterDate, afterId, size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            PointView last = rows.get(size - 1);
            next = new Cursor(last.date().atStartOfDay(ZoneOffset.UTC).toInstant(), last.id().toString()).encode();
        }
        return new Page<>(List.copyOf(rows), next);
    }

    public PointView get(String tenantId, UUID streamId, UUID pointId) {
        streams.find(tenantId, streamId);
        PointView point = store.point(tenantId, streamId, pointId);
        if (point == null) {
            throw ApiException.notFound("result point", pointId);
        }
        return point;
    }

    @Transactional
    public PointView create(String tenantId, UUID streamId, PointRequest request) {
        streams.find(tenantId, streamId);
        PointRules.Point point = checked(tenantId, request);
        return store.insertPoints(tenantId, streamId, List.of(point), ResultStore.now()).get(0);
    }

    @Transactional
    public PointView correct(String tenantId, UUID streamId, UUID pointId, PointRequest request) {
        streams.find(tenantId, streamId);
        PointRules.Point point = checked(tenantId, request);
        if (!store.updatePoint(tenantId, streamId, pointId, point, ResultStore.now())) {
            throw ApiException.notFound("result point", pointId);
        }
        return store.point(tenantId, streamId, pointId);
    }

    @Transactional
    public void delete(String tenantId, UUID streamId, UUID pointId) {
        streams.find(tenantId, streamId);
        if (!store.deletePoint(tenantId, streamId, pointId)) {
            throw ApiException.notFound("result point", pointId);
        }
    }

    /** An upload in CSV. */
    @Transactional
    public ImportReport importCsv(String tenantId, UUID streamId, String text) {
        streams.find(tenantId, streamId);
        return store(tenantId, streamId, CsvPoints.read(text, config.importMaxPoints()));
    }

    /** An upload in JSON (already parsed by the strict mapper). */
    @Transactional
    public ImportReport importJson(String tenantId, UUID streamId, JsonNode root) {
        streams.find(tenantId, streamId);
        return store(tenantId, streamId, JsonPoints.read(root, config.importMaxPoints()));
    }

    /**
     * All or nothing: every row judged, every fault named; then, in this one transaction, the
     * stream's points on the (category, date) pairs the upload states are replaced by the
     * upload's. Sending the same file again therefore leaves the same points, not twice as many.
     */
    private ImportReport store(String tenantId, UUID streamId, Upload upload) {
        if (upload.tooMany()) {
            throw new ApiException(413, "payload-too-large", "Payload too large", "an upload holds at most "
                    + config.importMaxPoints() + " points; split it into several (each is all or nothing)");
        }
        Set<String> named = new LinkedHashSet<>();
        upload.rows().stream().map(r -> r.draft().category()).filter(Objects::nonNull).map(String::strip)
                .forEach(named::add);
        Set<String> tenantCategories = store.lockCategories(tenantId, named);
        List<Upload.Located> faults = new ArrayList<>(upload.fileFaults());
        List<PointRules.Point> points = new ArrayList<>(upload.rows().size());
        for (Upload.Row row : upload.rows()) {
            PointRules.Checked checked = PointRules.check(row.draft(), tenantCategories, row.readFaults());
            if (checked.ok()) {
                points.add(checked.point());
            } else {
                checked.faults().forEach(f -> faults.add(upload.at(row.at(), f)));
            }
        }
        if (!faults.isEmpty()) {
            throw rejected(faults);
        }
        Instant at = ResultStore.now();
        int replaced = store.deletePointsOn(tenantId, streamId, points.stream().map(PointRules.Point::category).toList(),
                points.stream().map(PointRules.Point::date).toList());
        store.insertPoints(tenantId, streamId, points, at);
        LocalDate first = points.stream().map(PointRules.Point::date).min(Comparator.naturalOrder()).orElse(null);
        LocalDate last = points.stream().map(PointRules.Point::date).max(Comparator.naturalOrder()).orElse(null);
        return new ImportReport(points.size(), replaced, first, last);
    }

    /** 400 when any fault is of form; 422 when every fault is a category that is unknown or not writable. */
    private static ApiException rejected(List<Upload.Located> faults) {
        List<Upload.Located> sorted = faults.stream().sorted(Comparator.comparingInt(ResultService::position)).toList();
        List<Problem.FieldError> errors = sorted.stream().map(f -> new Problem.FieldError(f.pointer(), f.detail())).toList();
        String detail = errors.size() + " problem(s), first: " + sorted.get(0).detail() + "; nothing was imported";
        if (sorted.stream().allMatch(f -> f.kind() == PointRules.Kind.CATEGORY)) {
            return ApiException.unprocessable(detail, errors);
        }
        return new ApiException(400, "invalid-import", "Import rejected", detail, errors);
    }

    /** The line or index a pointer names ("/" first). */
    private static int position(Upload.Located f) {
        String p = f.pointer();
        int end = p.indexOf('/', 1);
        String digits = p.substring(1, end < 0 ? p.length() : end);
        return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    }

    private PointRules.Point checked(String tenantId, PointRequest request) {
        String category = request.category() == null ? null : request.category().strip();
        Set<String> tenantCategories = category == null || category.isEmpty() ? Set.of()
                : store.lockCategories(tenantId, List.of(category));
        PointRules.Checked checked = PointRules.check(request.draft(), tenantCategories, List.of());
        if (checked.ok()) {
            return checked.point();
        }
        List<Problem.FieldError> errors = checked.faults().stream()
                .map(f -> new Problem.FieldError("/" + f.field(), f.detail())).toList();
        if (checked.faults().stream().allMatch(f -> f.kind() == PointRules.Kind.CATEGORY)) {
            throw ApiException.unprocessable(errors.get(0).pointer() + ": " + errors.get(0).detail(), errors);
        }
        throw ApiException.validation(errors);
    }

    private static LocalDate dateParameter(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String fault = PointRules.dateFault(value);
        if (fault != null) {
            throw ApiException.badParameter(name, fault);
        }
        return LocalDate.parse(value.strip());
    }
}
