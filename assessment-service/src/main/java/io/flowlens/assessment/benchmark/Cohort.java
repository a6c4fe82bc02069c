package io.flowlens.assessment.benchmark;

import java.util.ArrayList;
import java.util.List;

/** Which organisations a score is compared with: null means any industry, size band or region. */
public record Cohort(String industry, String sizeBand, String region) {

    public static final Cohort EVERYONE = new Cohort(null, null, null);

    public boolean contains(LatestScores.Entry e) {
        return (industry == null || industry.equals(e.industry())) && (sizeBand == null || sizeBand.equals(e.sizeBand()))
                && (region == null || region.equals(e.region()));
    }

    String key() {
        return key(industry, sizeBand, region);
    }

    static String key(String industry, String sizeBand, String region) {
        return (industry == null ? "*" : industry) + "|" + (sizeBand == null ? "*" : sizeBand) + "|"
                + (region == null ? "*" : region);
    }

    /** The eight cohorts an entry belongs to (each attribute given or any). */
    static List<String> keysOf(LatestScores.Entry e) {
        List<String> keys = new ArrayList<>(8);
        for (int mask = 0; mask < 8; mask++) {
            keys.add(key((mask & 1) == 0 ? null : e.industry(), (mask & 2) == 0 ? null : e.sizeBand(),
                    (mask & 4) == 0 ? null : e.region()));
        }
        return keys;
    }

    /**
     * The cohorts broader than this one to suggest when it is too small, in the documented order
     * industry × size → industry → size → everyone, keeping only those that drop something asked.
     */
    public List<Cohort> broader() {
        List<Cohort> chain = List.of(new Cohort(industry, sizeBand, null), new Cohort(industry, null, null),
                new Cohort(null, sizeBand, null), EVERYONE);
        List<Cohort> broader = new ArrayList<>();
        for (Cohort c : chain) {
            if (!c.equals(this) && !broader.contains(c)) {
                broader.add(c);
            }
        }
        return broader;
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        if (industry != null) {
            parts.add("industry " + industry);
        }
        if (sizeBand != null) {
            parts.add("size " + sizeBand);
        }
        if (region != null) {
            parts.add("region " + region);
        }
        return parts.isEmpty() ? "every organisation" : "organisations in " + String.join(", ", parts);
    }
}
