package io.flowlens.metrics.result;

import java.util.List;

/**
 * A category of business results: the Flow Framework's four (value, cost, quality, happiness),
 * the assessment-fed customer-centricity index, or one a tenant defines. Plain Java.
 *
 * @param writable whether points may be written through the API (customer-centricity's come
 *                 from the assessments of the organisation linked to the stream, not by hand)
 */
public record ResultCategory(String name, String label, String unit, boolean higherIsBetter, boolean builtIn,
        boolean writable) {

    /** The prefix of the names assessment-fed series use; no tenant may create or write one. */
    public static final String RESERVED_PREFIX = "customer-centricity";

    /** The same for every tenant, in this order; read-only. Units are the tenant's own measure. */
    public static final List<ResultCategory> BUILT_IN = List.of(
            new ResultCategory("value", "Value", null, true, true, true),
            new ResultCategory("cost", "Cost", null, false, true, true),
            new ResultCategory("quality", "Quality", null, true, true, true),
            new ResultCategory("happiness", "Happiness", null, true, true, true),
            new ResultCategory(RESERVED_PREFIX, "Customer centricity", "index 0-100", true, true, false));

    public static ResultCategory builtIn(String name) {
        return BUILT_IN.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code customer-centricity} and every {@code customer-centricity-...}: kept for assessment-fed series. */
    public static boolean reserved(String name) {
        return name != null && (name.equals(RESERVED_PREFIX) || name.startsWith(RESERVED_PREFIX + "-"));
    }
}
