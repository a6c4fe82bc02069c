package io.flowlens.metrics.result;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an upload in JSON, an array of {@code {"category", "date", "value", "note"?}}, already
 * parsed by the service's strict mapper (duplicate keys and trailing content refused there).
 * Every element is read, so every fault is named by its index at once: a value must be a JSON
 * number (a string is refused, not guessed at), texts must be strings, no other field.
 */
final class JsonPoints {

    private static final Set<String> FIELDS = Set.of("category", "date", "value", "note");

    private JsonPoints() {
    }

    static Upload read(JsonNode root, int maxPoints) {
        List<Upload.Row> rows = new ArrayList<>();
        List<Upload.Located> faults = new ArrayList<>();
        if (!root.isArray()) {
            faults.add(new Upload.Located("/", "must be an array of points {category, date, value, note?}",
                    PointRules.Kind.FORM));
            return new Upload("index", rows, faults, false);
        }
        if (root.size() > maxPoints) {
            return new Upload("index", rows, faults, true);
        }
        if (root.isEmpty()) {
            faults.add(new Upload.Located("/", "the array holds no points", PointRules.Kind.FORM));
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isObject()) {
                faults.add(new Upload.Located("/" + i, "index " + i + ": must be an object {category, date, value, note?}",
                        PointRules.Kind.FORM));
                continue;
            }
            List<PointRules.Fault> readFaults = new ArrayList<>();
            for (Iterator<String> names = element.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    faults.add(new Upload.Located("/" + i + "/" + pointerToken(name), "index " + i + ": unknown field '"
                            + PointRules.shown(name) + "' (a point has category, date, value, note)", PointRules.Kind.FORM));
                }
            }
            String category = text(element, "category", readFaults);
            String date = text(element, "date", readFaults);
            String note = text(element, "note", readFaults);
            Double value = null;
            JsonNode v = element.get("value");
            if (v != null && !v.isNull()) {
                if (v.isNumber()) {
                    value = v.doubleValue();
                } else {
                    readFaults.add(new PointRules.Fault("value", "must be a JSON number, not " + kind(v),
                            PointRules.Kind.FORM));
                }
            }
            rows.add(new Upload.Row(i, new PointRules.Draft(category, date, value, note), readFaults));
        }
        return new Upload("index", rows, faults, false);
    }

    private static String text(JsonNode element, String field, List<PointRules.Fault> readFaults) {
        JsonNode node = element.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            readFaults.add(new PointRules.Fault(field, "must be a string, not " + kind(node), PointRules.Kind.FORM));
            return null;
        }
        return node.textValue();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "null";
        };
    }

    private static String pointerToken(String name) {
        return PointRules.shown(name).replace("~", "~0").replace("/", "~1");
    }
}
