package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Any other tracker, in the documented generic records ({@code item}, {@code transition},
 * {@code deleted}, {@code restored}; docs/contracts.md). A webhook body is one record or an array
 * of them, signed as {@code X-Flowlens-Signature: sha256=<hex HMAC-SHA256 of the body>}.
 *
 * <p>{@code deleted} and {@code restored} ({@code {"kind":"restored","item":"SHOP-9","at":"..."}})
 * state the item's presence at {@code at}: the newest of them decides whether it is deleted, at
 * the same instant a deletion wins (see {@code domain.Presence}); {@code item} and
 * {@code transition} records leave presence alone.
 */
@ApplicationScoped
public class GenericParser implements TrackerParser {

    public static final String NDJSON_EXPORT = "generic-ndjson";

    private static final Set<String> ITEM_FIELDS = Set.of("kind", "id", "project", "title", "type", "labels",
            "createdAt", "parent", "hierarchy");
    private static final Set<String> TRANSITION_FIELDS = Set.of("kind", "item", "at", "status");
    private static final Set<String> PRESENCE_FIELDS = Set.of("kind", "item", "at");

    @Override
    public String kind() {
        return "generic";
    }

    @Override
    public boolean signsWithHmac() {
        return true;
    }

    @Override
    public boolean authentic(Delivery delivery, TrackerSecret secret) {
        return Signatures.hmacSha256Matches(secret.plaintext(), delivery.body(),
                delivery.header("X-Flowlens-Signature"), "sha256=");
    }

    @Override
    public String deliveryId(Delivery delivery, JsonNode body) {
        return delivery.header("X-Flowlens-Delivery");
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of(NDJSON_EXPORT);
    }

    @Override
    public void readExport(String format, Path file, ExportVisitor visitor) throws IOException {
        ExportFiles.ndjson(file, visitor, this::record);
    }

    @Override
    public ParsedDelivery parse(Delivery delivery, JsonNode body) {
        List<ItemChange> changes = new ArrayList<>();
        if (body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                try {
                    changes.add(record(body.get(i)));
                } catch (PayloadProblem p) {
                    throw Payloads.wrong("/" + i + p.pointer(), p.getMessage());
                }
            }
        } else {
            changes.add(record(body));
        }
        return ParsedDelivery.changes("generic", changes);
    }

    /** One generic record as an item change; throws {@link PayloadProblem} naming the bad field. */
    public ItemChange record(JsonNode r) {
        if (r == null || !r.isObject()) {
            throw Payloads.wrong("", "a record is a JSON object");
        }
        String kind = Payloads.text(r, "kind");
        if (kind == null) {
            throw Payloads.wrong("/kind", "is required (item, transition, deleted or restored)");
        }
        ItemChange change = switch (kind) {
            case "item" -> {
                onlyKnown(r, ITEM_FIELDS);
                String id = requiredText(r, "id");
                Instant created = requiredInstant(r, "createdAt");
                JsonNode labels = r.get("labels");
                if (labels != null && !labels.isNull() && !labels.isArray()) {
                    throw Payloads.wrong("/labels", "is an array of strings");
                }
                yield Payloads.bounded(new ItemChange(id, id, Payloads.text(r, "project"), Payloads.text(r, "title"),
                        Payloads.text(r, "type"), labels == null ? List.of() : Payloads.names(labels, "name"),
                        created, created, List.of(), false), new Payloads.Where("/id", "/id", "/project", "/title",
                                "/labels"));
            }
            case "transition" -> {
                onlyKnown(r, TRANSITION_FIELDS);
                yield Payloads.bounded(ItemChange.statusesOnly(requiredText(r, "item"),
                        List.of(StatusChange.of(requiredInstant(r, "at"), requiredText(r, "status")))),
                        new Payloads.Where("/item", null, null, null, null, "/status"));
            }
            case "deleted" -> {
                onlyKnown(r, PRESENCE_FIELDS);
                yield ItemChange.deletion(requiredText(r, "item"), requiredInstant(r, "at"));
            }
            case "restored" -> {
                onlyKnown(r, PRESENCE_FIELDS);
                yield ItemChange.restoration(requiredText(r, "item"), requiredInstant(r, "at"));
            }
            default -> throw Payloads.wrong("/kind", "'" + kind + "' is not one of item, transition, deleted,"
                    + " restored");
        };
        return "item".equals(kind) ? withHierarchy(r, change) : change;
    }

    /** An item record's optional {@code parent} (the parent's id) and {@code hierarchy}. */
    private static ItemChange withHierarchy(JsonNode r, ItemChange ch) {
        String parent = optionalText(r, "parent");
        String hierarchy = optionalText(r, "hierarchy");
        if (hierarchy != null && !ItemEventContract.HIERARCHIES.contains(hierarchy)) {
            throw Payloads.wrong("/hierarchy", "'" + hierarchy + "' is not one of "
                    + String.join(", ", ItemEventContract.HIERARCHIES));
        }
        return new ItemChange(ch.externalId(), ch.key(), ch.project(), ch.title(), ch.trackerType(), ch.labels(),
                ch.createdAt(), ch.observedAt(), ch.statuses(), ch.presence(), parent, hierarchy);
    }

    private static String optionalText(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw Payloads.wrong("/" + field, "is a non-empty string when present");
        }
        return v.asText();
    }

    private static void onlyKnown(JsonNode r, Set<String> known) {
        r.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw Payloads.wrong("/" + f, "unknown field");
            }
        });
    }

    private static String requiredText(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw Payloads.wrong("/" + field, "is required (a non-empty string)");
        }
        return TrackerText.storable(v.asText());
    }

    private static Instant requiredInstant(JsonNode r, String field) {
        Instant at = Payloads.instant(r, field);
        if (at == null) {
            throw Payloads.wrong("/" + field, "is required (an ISO-8601 instant)");
        }
        return at;
    }
}
