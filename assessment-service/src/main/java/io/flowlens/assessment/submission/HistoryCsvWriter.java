package io.flowlens.assessment.submission;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import io.flowlens.assessment.paging.Page;
import io.flowlens.assessment.submission.AssessmentDtos.DimensionChange;
import io.flowlens.assessment.submission.AssessmentDtos.HistoryItem;
import io.flowlens.common.csv.Csv;
import io.flowlens.common.csv.CsvBodyWriter;

/**
 * An organisation's assessment history as CSV: one row per assessment, newest first, with the
 * index and each dimension's score beside its change since the previous assessment of the same
 * version ({@code <dimension>} and {@code <dimension>_change}; the dimensions of every version
 * on the page, in order of appearance). The next page's cursor is in the Link header.
 */
@Provider
@Produces(CsvBodyWriter.MEDIA_TYPE)
@SuppressWarnings("rawtypes")
public class HistoryCsvWriter extends CsvBodyWriter<Page> {

    public HistoryCsvWriter() {
        super(Page.class);
    }

    @Override
    public boolean isWriteable(Class<?> candidate, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return super.isWriteable(candidate, genericType, annotations, mediaType)
                && genericType instanceof ParameterizedType p && p.getActualTypeArguments()[0] == HistoryItem.class;
    }

    @Override
    protected String filename(Page page) {
        return "assessment-history.csv";
    }

    @Override
    protected String nextCursor(Page page) {
        return page.nextCursor();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void write(Page page, Csv csv) throws IOException {
        List<HistoryItem> items = page.items();
        Set<String> dimensions = new LinkedHashSet<>();
        items.forEach(i -> i.dimensions().forEach(d -> dimensions.add(d.id())));
        List<Object> header = new ArrayList<>(List.of("assessment_id", "questionnaire_version", "assessed_at", "index",
                "index_change", "level", "level_name"));
        dimensions.forEach(d -> {
            header.add(d);
            header.add(d + "_change");
        });
        csv.row(header);
        for (HistoryItem i : items) {
            Map<String, DimensionChange> byId = i.dimensions().stream()
                    .collect(Collectors.toMap(DimensionChange::id, d -> d));
            List<Object> row = new ArrayList<>(List.of(i.id(), i.questionnaireVersion(), i.assessedAt(), i.index()));
            row.add(i.indexChange());
            row.add(i.level().level());
            row.add(i.level().name());
            for (String d : dimensions) {
                DimensionChange c = byId.get(d);
                row.add(c == null ? null : c.score());
                row.add(c == null ? null : c.change());
            }
            csv.row(row);
        }
    }
}
