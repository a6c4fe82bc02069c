package io.flowlens.metrics.outcome;

/** Why a correlation gives no coefficient; {@link #words()} is what the answer says. */
public enum NoCoefficientReason {

    /** Fewer than {@link Correlation#MIN_PAIRS} pairs: any number would be mostly chance. */
    TOO_FEW_POINTS("too few points"),

    /**
     * The flow or the result has the same value in every pair (say a result carried forward
     * unchanged over the whole window): there is no movement to compare, and the formula would
     * divide zero by zero.
     */
    SERIES_DOES_NOT_VARY("a series does not vary");

    private final String words;

    NoCoefficientReason(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
