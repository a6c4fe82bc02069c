/**
 * Flow against outcomes: how strongly a flow metric and a business result move together.
 *
 * <p>Plain Java, free of Quarkus and the database, so the rules are tested on their own and the
 * endpoints only fetch data and call them. In reading order:
 * <ol>
 *   <li>{@link io.flowlens.metrics.outcome.ResultPoint}s (a business result measured on a date:
 *       value, cost, quality, happiness, a tenant's own category, a customer-centricity score) are
 *       put into week or month buckets by {@link io.flowlens.metrics.outcome.ResultSeries}: the mean
 *       of the bucket's points, or the last known value carried forward where a bucket has none.</li>
 *   <li>A {@link io.flowlens.metrics.outcome.FlowSeries} arrives already per bucket (velocity,
 *       flow time, load, ...). A bucket with no value is absent, never zero.</li>
 *   <li>{@link io.flowlens.metrics.outcome.Correlation} pairs the flow of one bucket with the result
 *       {@code k} buckets later (the lag) and gives Spearman's ρ, Pearson's r, the number of pairs
 *       and a 95% interval for each, always with the pairs themselves and the caveat
 *       "correlation, not cause".</li>
 *   <li>{@link io.flowlens.metrics.outcome.FlowRanking} does that for every flow series and lag
 *       0..6 against one result and lists the strongest first.</li>
 * </ol>
 *
 * <p>Numbers stay raw doubles throughout; a response rounds once, at the end, with
 * {@link io.flowlens.metrics.outcome.Coefficient#rounded(double)}.
 */
package io.flowlens.metrics.outcome;
