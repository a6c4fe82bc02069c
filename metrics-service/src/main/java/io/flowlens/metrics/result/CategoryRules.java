package io.flowlens.metrics.result;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a tenant-defined result category must be. Plain Java; faults name the body's fields. */
public final class CategoryRules {

    public static final int MAX_NAME = 64;
    public static final int MAX_LABEL = 200;
    public static final int MAX_UNIT = 50;

    /** A lowercase slug: letters and digits in words joined by single hyphens, starting with a letter. */
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** One fault: the field (as the body names it) and what is wrong. */
    public record Fault(String field, String detail) {
    }

    private CategoryRules() {
    }

    /**
     * Why {@code name} is not of the form of a category name, or null. (Whether it is free is the
     * store's to say; {@link ResultCategory#reserved} names are never free.)
     */
    public static String nameFault(String name) {
        if (name == null || name.isEmpty()) {
            return "is required";
        }
        if (name.length() > MAX_NAME) {
            return "must be at most " + MAX_NAME + " characters (has " + name.length() + ")";
        }
        if (!SLUG.matcher(name).matches()) {
            return "must be a lowercase slug: letters a-z, digits and single hyphens, starting with a letter "
                    + "(e.g. net-promoter-score)";
        }
        return null;
    }

    /** Faults of the descriptive fields (label, unit, higherIsBetter). */
    public static List<Fault> describedFaults(String label, String unit, Boolean higherIsBetter) {
        List<Fault> faults = new ArrayList<>();
        if (label == null || label.isBlank()) {
            faults.add(new Fault("label", "is required"));
        } else if (Texts.fault(label, MAX_LABEL) != null) {
            faults.add(new Fault("label", Texts.fault(label, MAX_LABEL)));
        }
        if (unit != null && unit.isBlank()) {
            faults.add(new Fault("unit", "must not be blank (omit it for no unit)"));
        } else if (Texts.fault(unit, MAX_UNIT) != null) {
            faults.add(new Fault("unit", Texts.fault(unit, MAX_UNIT)));
        }
        if (higherIsBetter == null) {
            faults.add(new Fault("higherIsBetter", "is required (true or false)"));
        }
        return faults;
    }
}
