package io.flowlens.assessment.organisation;

import java.util.List;

import io.flowlens.common.problem.Problem;

/** The documented lists an organisation's industry, size band and region come from (also the benchmark's cohort keys). */
public final class Vocabulary {

    public static final List<String> INDUSTRIES = List.of("software", "financial-services", "insurance", "healthcare",
            "life-sciences", "retail", "manufacturing", "telecommunications", "media", "energy", "transport-logistics",
            "public-sector", "education", "professional-services", "hospitality", "other");

    public static final List<String> SIZE_BANDS = List.of("1-49", "50-249", "250-999", "1000-4999", "5000+");

    public static final List<String> REGIONS = List.of("europe", "north-america", "latin-america", "asia-pacific",
            "middle-east", "africa");

    private Vocabulary() {
    }

    /**
     * A size band as a caller wrote it. An unencoded {@code +} in a query string arrives as a space,
     * so "5000 " (and "5000") are read as "5000+".
     */
    public static String normaliseSize(String size) {
        if (size == null) {
            return null;
        }
        String trimmed = size.trim();
        return trimmed.equals("5000") ? "5000+" : trimmed;
    }

    /** The problem with a value, or null when it is on its list. */
    public static Problem.FieldError check(String pointer, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return new Problem.FieldError(pointer, "is required; one of " + String.join(", ", allowed));
        }
        if (!allowed.contains(value)) {
            return new Problem.FieldError(pointer, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return null;
    }
}
