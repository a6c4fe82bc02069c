package io.flowlens.metrics.outcome;

import java.util.List;
import java.util.UUID;

/**
 * Where the points of a result series come from. The tenant's own business results are one
 * source; the customer-centricity scores fed from assessment-service are another. A correlation
 * asks the source that {@link #serves(String) serves} the category, so it never needs to know
 * where a result lives.
 *
 * <p>Implementations are beans in their own packages; this interface stays plain Java.
 */
public interface ResultPointSource {

    /** One series a source can give for a value stream (or the portfolio). */
    record SeriesName(String category, String series, String label, String unit, boolean higherIsBetter) {
    }

    /** Whether this source answers for {@code category}. */
    boolean serves(String category);

    /**
     * The points of one series, in any order; empty when there are none.
     *
     * @param valueStreamId the stream, or {@code null} for the tenant's whole portfolio
     * @param series        {@code null} for a category that is one series; for a category with
     *                      several (customer-centricity: {@code index} and one per dimension) the
     *                      series' key
     */
    List<ResultPoint> points(String tenantId, UUID valueStreamId, String category, String series);

    /** Every series this source holds points for, for the stream (or the portfolio when null). */
    List<SeriesName> available(String tenantId, UUID valueStreamId);
}
