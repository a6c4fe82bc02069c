package io.flowlens.ingestion.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.identity.IdentityToken;

/**
 * Stands in for metrics-service over real HTTP on the port the test profile points the relay
 * at: records every event it accepts, keeps per item the highest revision (as the real one
 * does), judges each event by the contract's rules (ItemEventContract) and answers per event
 * when asked (version 2) or refuses the whole batch (version 1), and answers 503 while "down".
 */
public final class FakeMetricsService {

    /** FLOWLENS_TEST_STANDIN_PORT lets two checkouts run these tests side by side. */
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("FLOWLENS_TEST_STANDIN_PORT", "18599"));
    private static FakeMetricsService instance;

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean down;
    private volatile boolean versionOne;
    /** Events this consumer refuses besides the contract's rules: a consumer stricter than its producer. */
    private final Map<String, Predicate<JsonNode>> extraRules = new ConcurrentHashMap<>();
    public final List<JsonNode> received = new CopyOnWriteArrayList<>();
    public final Map<String, JsonNode> latestByItem = new ConcurrentHashMap<>();
    public final List<Integer> refusedBatches = new CopyOnWriteArrayList<>();
    /** Every batch as it arrived (its events' tenant ids in order). */
    public final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final IdentityToken tokens = new IdentityToken(Api.SECRET);

    private FakeMetricsService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/internal/v1/item-events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean service = tokens.verify(exchange.getRequestHeaders().getFirst(IdentityToken.HEADER))
                    .map(c -> "service".equals(c.role())).orElse(false);
            boolean perEvent = !versionOne && ItemEventContract.PER_EVENT_VERSION.equals(
                    exchange.getRequestHeaders().getFirst(ItemEventContract.VERSION_HEADER));
            int status;
            String answer;
            if (!service) {
                status = 401;
                answer = "{}";
            } else if (down) {
                refusedBatches.add(1);
                status = 503;
                answer = "{\"title\":\"down\"}";
            } else {
                JsonNode events = json.readTree(body).get("events");
                ArrayNode refused = json.createArrayNode();
                for (int i = 0; i < events.size(); i++) {
                    List<String> faults = faults(events.get(i));
                    if (!faults.isEmpty()) {
                        ObjectNode r = refused.addObject().put("eventId", events.get(i).path("eventId").asText()).put("index", i);
                        ArrayNode errors = r.putArray("errors");
                        for (int k = 0; k < faults.size(); k += 2) {
                            errors.addObject().put("pointer", "/events/" + i + faults.get(k)).put("detail", faults.get(k + 1));
                        }
                    }
                }
                if (!perEvent && !refused.isEmpty()) {
                    refusedBatches.add(1);
                    status = 400;
                    answer = "{\"title\":\"Request is not valid\",\"errors\":" + refused + "}";
                } else {
                    int accepted = 0;
                    List<String> tenants = new ArrayList<>();
                    java.util.Set<Integer> refusedAt = new java.util.HashSet<>();
                    refused.forEach(r -> refusedAt.add(r.get("index").asInt()));
                    for (int i = 0; i < events.size(); i++) {
                        JsonNode e = events.get(i);
                        if (refusedAt.contains(i)) {
                            continue;
                        }
                        received.add(e);
                        tenants.add(e.get("tenantId").asText());
                        String item = e.get("item").get("itemId").asText();
                        JsonNode prior = latestByItem.get(item);
                        if (prior == null || prior.get("revision").asLong() < e.get("revision").asLong()) {
                            latestByItem.put(item, e);
                            accepted++;
                        }
                    }
                    batches.add(tenants);
                    status = 200;
                    answer = "{\"accepted\":" + accepted + ",\"ignored\":" + (events.size() - accepted - refused.size())
                            + ",\"refused\":" + refused + "}";
                }
            }
            byte[] out = answer.getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** The contract's rules (a subset of metrics' parser, same constants): pointer, detail, pointer, detail... */
    private List<String> faults(JsonNode e) {
        List<String> f = new ArrayList<>();
        text(f, e, "", "eventId", ItemEventContract.MAX_TEXT, true);
        text(f, e, "", "tenantId", ItemEventContract.MAX_TENANT_ID, true);
        String type = e.path("type").asText();
        if (!ItemEventContract.UPSERTED.equals(type) && !ItemEventContract.DELETED.equals(type)) {
            f.add("/type");
            f.add("must be item.upserted or item.deleted");
        }
        if (!e.path("revision").isIntegralNumber() || e.path("revision").asLong() < 0) {
            f.add("/revision");
            f.add("must be a non-negative integer");
        }
        JsonNode item = e.path("item");
        text(f, item, "/item", "itemId", ItemEventContract.MAX_TEXT, true);
        text(f, item, "/item", "connectionId", ItemEventContract.MAX_TEXT, true);
        if (ItemEventContract.UPSERTED.equals(type)) {
            text(f, item, "/item", "project", ItemEventContract.MAX_TEXT, true);
            text(f, item, "/item", "key", ItemEventContract.MAX_TEXT, false);
            text(f, item, "/item", "title", ItemEventContract.MAX_TITLE, false);
            if (!ItemEventContract.FLOW_TYPES.contains(item.path("flowType").asText())) {
                f.add("/item/flowType");
                f.add("must be one of " + String.join(", ", ItemEventContract.FLOW_TYPES));
            }
            if (item.path("labels").size() > ItemEventContract.MAX_LABELS) {
                f.add("/item/labels");
                f.add(ItemEventContract.labelsViolation(item.path("labels").size()));
            }
            instant(f, item.path("createdAt"), "/item/createdAt");
            text(f, item, "/item", "parentItemId", ItemEventContract.MAX_TEXT, false);
            if (item.has("hierarchy") && !ItemEventContract.HIERARCHIES.contains(item.path("hierarchy").asText())) {
                f.add("/item/hierarchy");
                f.add("must be one of " + String.join(", ", ItemEventContract.HIERARCHIES));
            }
            JsonNode ts = item.path("transitions");
            for (int k = 0; k < ts.size(); k++) {
                instant(f, ts.get(k).path("at"), "/item/transitions/" + k + "/at");
                if (!ItemEventContract.FLOW_STATES.contains(ts.get(k).path("state").asText())) {
                    f.add("/item/transitions/" + k + "/state");
                    f.add("must be a flow state");
                }
                // Version 3: the tracker status, optional, a text like the others.
                text(f, ts.get(k), "/item/transitions/" + k, "status", ItemEventContract.MAX_STATUS, false);
            }
        }
        for (Predicate<JsonNode> rule : extraRules.values()) {
            if (rule.test(e)) {
                f.add("/item/title");
                f.add("refused by this consumer's own rule");
            }
        }
        return f;
    }

    private static void text(List<String> f, JsonNode node, String at, String field, int max, boolean required) {
        JsonNode v = node.path(field);
        String fault = v.isMissingNode() || v.isNull() ? (required ? "is required" : null)
                : !v.isTextual() ? "must be a string" : ItemEventContract.textViolation(v.asText(), max);
        if (fault != null) {
            f.add(at + "/" + field);
            f.add(fault);
        }
    }

    private static void instant(List<String> f, JsonNode v, String pointer) {
        try {
            String fault = ItemEventContract.instantViolation(Instant.parse(v.asText()));
            if (fault != null) {
                f.add(pointer);
                f.add(fault);
            }
        } catch (DateTimeParseException e) {
            f.add(pointer);
            f.add("must be an ISO-8601 instant");
        }
    }

    public static synchronized FakeMetricsService get() {
        if (instance == null) {
            try {
                instance = new FakeMetricsService();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the stand-in metrics-service", e);
            }
        }
        return instance;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** Behaves as a consumer of version 1: no answers per event, a batch with a refused event is a 400. */
    public void setVersionOne(boolean versionOne) {
        this.versionOne = versionOne;
    }

    /** Refuses, besides the contract's rules, the events of {@code tenantId} that {@code rule} matches. */
    public void refuse(String tenantId, Predicate<JsonNode> rule) {
        extraRules.put(tenantId, e -> tenantId.equals(e.path("tenantId").asText()) && rule.test(e));
    }

    public void stopRefusing(String tenantId) {
        extraRules.remove(tenantId);
    }

    public List<JsonNode> receivedFor(String connectionId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : received) {
            if (connectionId.equals(e.get("item").get("connectionId").asText())) {
                out.add(e);
            }
        }
        return out;
    }
}
